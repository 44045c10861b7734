import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the suite's per-service databases that do not exist yet.
 * Usage: java -cp postgresql.jar EnsureDatabases.java HOST PORT USER PASSWORD DB...
 * Exit 0 when all exist, 3 when the server cannot be reached, 4 on any other failure.
 */
public class EnsureDatabases {

    public static void main(String[] args) {
        String url = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/postgres?connectTimeout=5";
        try (Connection connection = DriverManager.getConnection(url, args[2], args[3])) {
            for (int i = 4; i < args.length; i++) {
                ensure(connection, args[i]);
            }
        } catch (SQLException e) {
            System.err.println("PostgreSQL at " + args[0] + ":" + args[1] + " as " + args[2] + ": " + e.getMessage());
            System.exit("08001".equals(e.getSQLState()) || "08006".equals(e.getSQLState()) ? 3 : 4);
        }
    }

    private static void ensure(Connection connection, String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new SQLException("not a plain database name: " + database);
        }
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + database);
            System.out.println("created database " + database);
        }
    }
}
