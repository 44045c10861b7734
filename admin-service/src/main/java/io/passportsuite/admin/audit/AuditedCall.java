package io.passportsuite.admin.audit;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An action whose audit row depends on its answer (the settings passport reports after a change,
 * the id of a key it issued). The transaction, and with it the database connection, is opened
 * before the action: with the trail's database away nothing is done. The row is inserted once the
 * action answered and committed with it; an action that failed leaves no row.
 */
@Component
public class AuditedCall {

    private static final Logger log = LoggerFactory.getLogger(AuditedCall.class);

    private final AuditTrail trail;
    private final TransactionTemplate transactions;

    AuditedCall(AuditTrail trail, TransactionTemplate transactions) {
        this.trail = trail;
        this.transactions = transactions;
    }

    /**
     * @param rowOf the row for an answer that did something; empty for one that did not
     * @param trailFailed the answer when the trail could not be written
     */
    public <R> R run(Supplier<R> action, Function<R, Optional<AuditedAction>> rowOf, Supplier<R> trailFailed) {
        try {
            return transactions.execute(transaction -> {
                trail.ensureConnected();
                R answer = action.get();
                Optional<AuditedAction> row = rowOf.apply(answer);
                if (row.isPresent()) {
                    write(row.get());
                }
                return answer;
            });
        } catch (DataAccessException e) {
            log.error("The audit trail could not be written", e);
            return trailFailed.get();
        }
    }

    private void write(AuditedAction row) {
        try {
            trail.record(row);
        } catch (DataAccessException e) {
            // Rare (the database went away during the call) and worth an operator's look: the action happened.
            log.error("Done but not audited: {} on {} {} by {}", row.action(), row.targetType(), row.targetId(), row.actor(), e);
            throw e;
        }
    }
}
