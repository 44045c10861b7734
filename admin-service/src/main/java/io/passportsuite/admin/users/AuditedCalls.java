package io.passportsuite.admin.users;

import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.admin.audit.AuditTrail;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.passport.PassportReply;

/**
 * A call to passport and its audit row in one transaction, held open around the call and committed
 * only if passport did what was asked: no row claims a change passport refused.
 */
@Component
class AuditedCalls {

    private static final Logger log = LoggerFactory.getLogger(AuditedCalls.class);

    private final AuditTrail trail;
    private final TransactionTemplate transactions;

    AuditedCalls(AuditTrail trail, TransactionTemplate transactions) {
        this.trail = trail;
        this.transactions = transactions;
    }

    /**
     * The row is known before the call: it is written first, so no change happens that the trail
     * cannot hold. A refusal rolls it back; a call that may have reached passport without an answer
     * (see {@link PassportReply#outcomeUnknown()}) keeps it, marked as of unknown outcome.
     */
    <T> PassportReply<T> recordedFirst(AuditedAction row, Supplier<PassportReply<T>> call) {
        try {
            return transactions.execute(transaction -> {
                Object beforeRow = transaction.createSavepoint();
                trail.record(row);
                PassportReply<T> reply = call.get();
                if (reply.outcomeUnknown()) {
                    // The row is append-only once written: the claim of a done action gives way to an unknown one.
                    transaction.rollbackToSavepoint(beforeRow);
                    trail.record(row.outcomeUnknown());
                    log.error("No answer from passport to {} on {}: audited with an unknown outcome", row.action(), row.targetId());
                } else if (!(reply instanceof PassportReply.Answered<T>)) {
                    transaction.setRollbackOnly();
                }
                return reply;
            });
        } catch (DataAccessException e) {
            log.error("The audit trail could not be written; {} {} was not done", row.action(), row.targetId(), e);
            return new PassportReply.Unavailable<>("audit trail");
        }
    }

    /**
     * The row holds what passport answers (the user before and after an edit), so it is written
     * after the call, in the transaction opened before it: a trail that cannot be reached fails the
     * action before passport is called. Should the insert itself fail after passport changed the
     * user, the failure is logged as such and the administrator told to retry (an edit repeats safely).
     * A call that may have reached passport without an answer is audited with {@code asked}, marked
     * as of unknown outcome.
     */
    <T> PassportReply<T> recordedAfter(Supplier<PassportReply<T>> call, Function<T, AuditedAction> row, AuditedAction asked) {
        try {
            return transactions.execute(transaction -> {
                trail.ensureReachable();
                PassportReply<T> reply = call.get();
                if (reply instanceof PassportReply.Answered<T>(T value)) {
                    trail.record(row.apply(value));
                } else if (reply.outcomeUnknown()) {
                    trail.record(asked.outcomeUnknown());
                    log.error("No answer from passport to {} on {}: audited with an unknown outcome", asked.action(), asked.targetId());
                }
                return reply;
            });
        } catch (DataAccessException e) {
            log.error("The audit trail could not be written; passport may have applied the change unaudited", e);
            return new PassportReply.Unavailable<>("audit trail");
        }
    }
}
