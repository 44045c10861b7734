package io.passportsuite.passport.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure caused by the database being unreachable (no connection from the pool, a
 * connection cut mid-request, the server shutting down) from a bug, whatever wraps it: those are
 * worth a retry, so they are a 503, not a 500.
 */
final class DatabaseOutage {

    private static final int MAX_CAUSES = 16;

    private DatabaseOutage() {
    }

    static boolean causes(Throwable failure) {
        Throwable current = failure;
        for (int i = 0; current != null && i < MAX_CAUSES; i++, current = current.getCause()) {
            if (current instanceof DataAccessResourceFailureException || current instanceof TransientDataAccessException
                    || current instanceof CannotCreateTransactionException
                    || current instanceof SQLTransientConnectionException || current instanceof SQLNonTransientConnectionException
                    || current instanceof SQLRecoverableException) {
                return true;
            }
            // A rollback on a connection that is gone fails too, and Spring then throws that failure
            // with the one that made it roll back kept aside: the latter says what happened.
            if (current instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure && causes(rollback.getApplicationException())) {
                return true;
            }
            if (current instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                // Class 08: connection exception; 57P01..57P03: the server is shutting down or starting.
                return true;
            }
        }
        return false;
    }
}
