package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.common.testing.TestPostgres;
import tools.jackson.databind.JsonNode;

/**
 * Discovery, passport and the gateway (and, when a test needs them, membership-service, admin-service or asset-service) from their
 * packaged jars, each in its own JVM, with real PostgreSQL and Kafka: what a client meets, reached
 * through the gateway.
 */
final class GatewaySuite implements AutoCloseable {

    static final String INTERNAL_CREDENTIAL = "e2e-internal-credential-7f3c9a2b5d8e1f40a6";
    /** The administrator passport creates at start-up when the suite runs with admin-service. */
    static final String ADMIN_USERNAME = "e2e_admin";
    static final String ADMIN_PASSWORD = "e2e-admin-Pass2026";
    private static final Duration STARTUP = Duration.ofSeconds(180);

    final SuiteProcess discovery;
    final SuiteProcess passport;
    final SuiteProcess gateway;
    /** Null unless started with {@link #startWithMembership}. */
    final SuiteProcess membership;
    /** Null unless started with {@link #startWithAdmin}. */
    final SuiteProcess admin;
    final ServiceProbe throughGateway;
    final ServiceProbe passportDirectly;
    /** Null unless started with {@link #startWithMembership}. */
    final ServiceProbe membershipDirectly;
    /** Null unless started with {@link #startWithAsset}. */
    final SuiteProcess asset;
    /** Null unless started with {@link #startWithAsset}. */
    final ServiceProbe assetDirectly;
    final int gatewayPort;
    /** The gateway's management server (actuator, metrics): no client reaches it. */
    final ServiceProbe gatewayManagement;

    private GatewaySuite(SuiteProcess discovery, SuiteProcess passport, SuiteProcess membership, SuiteProcess admin,
            SuiteProcess asset, SuiteProcess gateway, int gatewayPort, int gatewayManagementPort, int passportPort,
            int membershipPort, int assetPort) {
        this.discovery = discovery;
        this.passport = passport;
        this.membership = membership;
        this.admin = admin;
        this.asset = asset;
        this.gateway = gateway;
        this.gatewayPort = gatewayPort;
        this.throughGateway = ServiceProbe.onPort(gatewayPort);
        this.gatewayManagement = ServiceProbe.onPort(gatewayManagementPort);
        this.passportDirectly = ServiceProbe.onPort(passportPort);
        this.membershipDirectly = membership == null ? null : ServiceProbe.onPort(membershipPort);
        this.assetDirectly = asset == null ? null : ServiceProbe.onPort(assetPort);
    }

    /** Returns once the gateway reports the suite running. */
    static GatewaySuite start(String label) {
        return start(label, Set.of());
    }

    /** Also starts membership-service, on a database of its own; returns once discovery lists it UP. */
    static GatewaySuite startWithMembership(String label) {
        return start(label, Set.of(Extra.MEMBERSHIP));
    }

    /**
     * Also starts admin-service, on a database of its own, with passport's bootstrap administrator
     * ({@link #ADMIN_USERNAME}); returns once the gateway reports it up.
     */
    static GatewaySuite startWithAdmin(String label) {
        return start(label, Set.of(Extra.ADMIN));
    }

    /**
     * Also starts asset-service, on a database of its own and files in a new temporary folder, its
     * public URLs on this gateway; returns once the gateway reports it up.
     */
    static GatewaySuite startWithAsset(String label) {
        return start(label, Set.of(Extra.ASSET));
    }

    private static GatewaySuite shared;

    /**
     * The whole suite (membership, admin and asset too), started once for the test classes that
     * need most of it and keep to data of their own (their own apps, users and audit targets): each
     * start is a minute of six JVMs. Stopped when the test JVM ends.
     */
    static synchronized GatewaySuite shared() {
        if (shared == null) {
            GatewaySuite started = start("shared", Set.of(Extra.MEMBERSHIP, Extra.ADMIN, Extra.ASSET));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-suite-stop"));
            shared = started;
        }
        return shared;
    }

    /** Services a test may start besides discovery, passport and the gateway. */
    enum Extra { MEMBERSHIP, ADMIN, ASSET }

    static GatewaySuite start(String label, Set<Extra> extras) {
        return start(label, extras, Map.of());
    }

    /** With {@code environment} added to every process's (tracing settings, say). */
    static GatewaySuite start(String label, Set<Extra> extras, Map<String, String> environment) {
        boolean withMembership = extras.contains(Extra.MEMBERSHIP);
        boolean withAdmin = extras.contains(Extra.ADMIN);
        boolean withAsset = extras.contains(Extra.ASSET);
        int discoveryPort = freePort();
        int passportPort = freePort();
        int membershipPort = freePort();
        int assetPort = freePort();
        int gatewayPort = freePort();
        int gatewayManagementPort = freePort();
        String eurekaUrl = "http://127.0.0.1:" + discoveryPort + "/eureka/";
        TestPostgres.Database database = TestPostgres.freshDatabase("e2e_" + label);
        Map<String, String> common = new HashMap<>(environment);
        common.putAll(Map.of("EUREKA_URL", eurekaUrl, "SUITE_ENVIRONMENT", "test",
                "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(), "SUITE_INTERNAL_CREDENTIAL", INTERNAL_CREDENTIAL));

        SuiteProcess discovery = SuiteProcess.start("discovery-server", common, List.of("--server.port=" + discoveryPort));
        Map<String, String> passportEnvironment = new HashMap<>(common);
        // A fresh random key: passport refuses to start without one outside local mode.
        passportEnvironment.put("PASSPORT_KEY_ENCRYPTION_KEY", randomKey());
        if (withAdmin) {
            passportEnvironment.put("ADMIN_BOOTSTRAP_USERNAME", ADMIN_USERNAME);
            passportEnvironment.put("ADMIN_BOOTSTRAP_PASSWORD", ADMIN_PASSWORD);
        }
        SuiteProcess passport = SuiteProcess.start("passport-service", passportEnvironment, List.of(
                "--server.port=" + passportPort,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password()));
        SuiteProcess membership = null;
        if (withMembership) {
            TestPostgres.Database membershipDatabase = TestPostgres.freshDatabase("e2e_" + label + "_membership");
            membership = SuiteProcess.start("membership-service", common, List.of(
                    "--server.port=" + membershipPort,
                    "--spring.datasource.url=" + membershipDatabase.url(),
                    "--spring.datasource.username=" + membershipDatabase.username(),
                    "--spring.datasource.password=" + membershipDatabase.password()));
        }
        SuiteProcess admin = null;
        if (withAdmin) {
            TestPostgres.Database adminDatabase = TestPostgres.freshDatabase("e2e_" + label + "_admin");
            admin = SuiteProcess.start("admin-service", common, List.of(
                    "--server.port=" + freePort(),
                    "--spring.datasource.url=" + adminDatabase.url(),
                    "--spring.datasource.username=" + adminDatabase.username(),
                    "--spring.datasource.password=" + adminDatabase.password()));
        }
        SuiteProcess asset = null;
        if (withAsset) {
            TestPostgres.Database assetDatabase = TestPostgres.freshDatabase("e2e_" + label + "_asset");
            asset = SuiteProcess.start("asset-service", common, List.of(
                    "--server.port=" + assetPort,
                    "--spring.datasource.url=" + assetDatabase.url(),
                    "--spring.datasource.username=" + assetDatabase.username(),
                    "--spring.datasource.password=" + assetDatabase.password(),
                    "--asset.storage.filesystem.root=" + temporaryFolder("e2e-assets-"),
                    "--asset.uploads.public-base-url=http://127.0.0.1:" + gatewayPort + "/asset/v1/files"));
        }
        SuiteProcess gateway = SuiteProcess.start("gateway", common, List.of(
                "--server.port=" + gatewayPort,
                "--management.server.port=" + gatewayManagementPort,
                "--passport.status.services=passport-service" + (withMembership ? ",membership-service" : "")
                        + (withAdmin ? ",admin-service" : "") + (withAsset ? ",asset-service" : ""),
                "--passport.status.cache-ttl=0s"));
        GatewaySuite suite = new GatewaySuite(discovery, passport, membership, admin, asset, gateway, gatewayPort, gatewayManagementPort, passportPort,
                membershipPort, assetPort);
        suite.awaitStatus(body -> "running".equals(body.get("status").asString()), STARTUP);
        return suite;
    }

    /** Creates an app through passport's internal API (no client reaches it) and returns a new API key of it. */
    String createApp(String appId) {
        ServiceProbe.Response app = passportDirectly.post("/internal/apps", """
                {"app_id":"%s","name":"%s","password_min_length":6,"password_max_length":100,"password_letter_and_digit":false}
                """.formatted(appId, appId), "X-Passport-Internal-Credential", INTERNAL_CREDENTIAL);
        if (app.status() != 201) {
            throw new IllegalStateException("could not create app " + appId + ": " + app.body());
        }
        return issueKey(appId);
    }

    /**
     * Registers a user of {@code appId} through the gateway with the app's key (the canonical
     * surface) and logs them in; returns their access token, genuine to the gateway, of that app.
     */
    String accessTokenOfNewUser(String apiKey, String appId, String email, String password) {
        String[] key = {"Authorization", "Bearer " + apiKey};
        ServiceProbe.Response registered = throughGateway.post("/auth/v1/register", """
                {"nickname":"user","password":"%s","contact_type":"email","contact":"%s","app_id":"%s"}
                """.formatted(password, email, appId), key);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        ServiceProbe.Response login = throughGateway.post("/auth/v1/login", """
                {"contact_type":"email","contact":"%s","password":"%s","app_id":"%s"}
                """.formatted(email, password, appId), key);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().get("access_token").asString();
    }

    /** A new API key of an app that exists already, such as the platform's own {@code default}. */
    String issueKey(String appId) {
        ServiceProbe.Response key = passportDirectly.post("/internal/apps/" + appId + "/api-keys", "{}",
                "X-Passport-Internal-Credential", INTERNAL_CREDENTIAL);
        if (key.status() != 201) {
            throw new IllegalStateException("could not issue a key of " + appId + ": " + key.body());
        }
        return key.json().get("api_key").asString();
    }

    /**
     * Polls {@code GET path} through the gateway until a service answers it: discovery may list a
     * service before the gateway's load balancer has fetched it, and until then a routed request is
     * 503.
     */
    ServiceProbe.Response awaitRouted(String path, Duration timeout, String... headers) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ServiceProbe.Response response = throughGateway.get(path, headers);
        while (response.status() == 503 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(250));
            response = throughGateway.get(path, headers);
        }
        return response;
    }

    /** Polls {@code GET /} through the gateway until its answer meets {@code condition}. */
    JsonNode awaitStatus(Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (SuiteProcess process : new SuiteProcess[] {discovery, membership, admin, asset, gateway}) {
                if (process != null && !process.isAlive()) {
                    throw new IllegalStateException(process.describe() + " exited");
                }
            }
            try {
                ServiceProbe.Response response = throughGateway.get("/");
                last = response.body();
                if (response.status() == 200 && condition.test(response.json())) {
                    return response.json();
                }
            } catch (IllegalStateException notUpYet) {
                last = notUpYet.getMessage();
            }
            sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("GET / did not reach the expected state within " + timeout + "; last answer: " + last
                + "; see " + passport.describe());
    }

    @Override
    public void close() {
        SuiteProcess[] processes = {gateway, asset, admin, membership, passport, discovery};
        // All asked at once, then waited for: one after the other, their graceful shutdowns would
        // outlast the time a test JVM's shutdown hooks get (the shared suite stops in one).
        for (SuiteProcess process : processes) {
            if (process != null) {
                process.askToStop();
            }
        }
        for (SuiteProcess process : processes) {
            if (process != null) {
                process.close();
            }
        }
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static String temporaryFolder(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
