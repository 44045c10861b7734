package io.passportsuite.passport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageCausesTest {

    @Test
    void shouldRecogniseAnUnreachableDatabaseWhateverWrapsIt() {
        assertThat(DatabaseOutage.causes(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out")))).isTrue();
        assertThat(DatabaseOutage.causes(new CompletionException(
                new UncategorizedSQLException("select", "select 1", new SQLException("I/O error", "08006"))))).isTrue();
        assertThat(DatabaseOutage.causes(new RuntimeException(new SQLException("terminating connection", "57P01")))).isTrue();
    }

    @Test
    void shouldLookPastAFailedRollbackToWhatMadeItRollBack() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("I/O error", new SQLException("I/O", "08006")));
        assertThat(DatabaseOutage.causes(rollback)).isTrue();

        TransactionSystemException afterBug = new TransactionSystemException("JDBC rollback failed", new SQLException("closed"));
        afterBug.initApplicationException(new IllegalStateException("bug"));
        assertThat(DatabaseOutage.causes(afterBug)).isFalse();
    }

    @Test
    void shouldNotTakeABugOrABadStatementForAnOutage() {
        assertThat(DatabaseOutage.causes(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseOutage.causes(new UncategorizedSQLException("select", "select x", new SQLException("syntax", "42601")))).isFalse();
        assertThat(DatabaseOutage.causes(new RuntimeException(new SQLException("no state")))).isFalse();
    }
}
