package io.passportsuite.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests: a Testcontainers one when a Docker engine is reachable, otherwise
 * the server at {@code TEST_DATABASE_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres},
 * user {@code TEST_DATABASE_USER} or postgres). Each call to {@link #freshDatabase} creates an empty
 * database; all of them are dropped when the JVM exits.
 */
public final class TestPostgres {

    private static final String PREFIX = "pstest_";
    private static final List<String> created = new CopyOnWriteArrayList<>();
    private static volatile Server server;

    private TestPostgres() {
    }

    public record Server(String adminUrl, String username, String password) {

        String urlFor(String database) {
            int slash = adminUrl.lastIndexOf('/');
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        }
    }

    public record Database(String name, String url, String username, String password) {
    }

    public static Database freshDatabase(String label) {
        Server s = server();
        String name = PREFIX + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        if (name.length() > 63) {
            name = PREFIX + UUID.randomUUID().toString().replace("-", "");
        }
        execute(s, "CREATE DATABASE " + name);
        created.add(name);
        return new Database(name, s.urlFor(name), s.username(), s.password());
    }

    public static synchronized Server server() {
        if (server == null) {
            server = TestInfrastructureMode.useDocker() ? startContainer() : localServer();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(TestPostgres::dropCreated));
        }
        return server;
    }

    private static Server localServer() {
        String url = env("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        Server local = new Server(url, env("TEST_DATABASE_USER", "postgres"), env("TEST_DATABASE_PASSWORD", ""));
        try (Connection ignored = connect(local)) {
            return local;
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need PostgreSQL: none reachable at " + url
                    + " (set TEST_DATABASE_URL / TEST_DATABASE_USER / TEST_DATABASE_PASSWORD, or run a Docker engine)", e);
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' own reaper at JVM exit
    private static Server startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static void dropCreated() {
        for (String name : created) {
            try {
                execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // The server may already be gone at JVM exit; leftovers carry the pstest_ prefix.
            }
        }
    }

    private static void execute(Server s, String sql) {
        try (Connection connection = connect(s); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + s.adminUrl(), e);
        }
    }

    private static Connection connect(Server s) throws SQLException {
        return DriverManager.getConnection(s.adminUrl(), s.username(), s.password());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
