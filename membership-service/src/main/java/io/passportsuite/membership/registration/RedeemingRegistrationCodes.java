package io.passportsuite.membership.registration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.ProcessedEvents;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.user.UserRegistered;
import io.passportsuite.membership.invite.RedeemingInvite;
import io.passportsuite.membership.invite.Redemption;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redeems the invite code a user registered with. Registration never fails on the code, so a code
 * that redeems nothing is recorded and otherwise ignored. The redemption and the processed-event
 * mark commit together: a redelivered event is applied once.
 */
@Component
class RedeemingRegistrationCodes {

    static final String CONSUMER = "membership-service.registrations";

    private static final Logger log = LoggerFactory.getLogger(RedeemingRegistrationCodes.class);

    private final JsonMapper json;
    private final TransactionTemplate transaction;
    private final ProcessedEvents processedEvents;
    private final RedeemingInvite redeeming;
    private final IgnoredCodes ignored;

    RedeemingRegistrationCodes(JsonMapper json, TransactionTemplate transaction, ProcessedEvents processedEvents,
            RedeemingInvite redeeming, IgnoredCodes ignored) {
        this.json = json;
        this.transaction = transaction;
        this.processedEvents = processedEvents;
        this.redeeming = redeeming;
        this.ignored = ignored;
    }

    void accept(String value) {
        EventEnvelope envelope;
        UserRegistered registered;
        try {
            envelope = json.readValue(value, EventEnvelope.class);
            // The topic carries every account event; only registrations with a code concern us.
            if (!UserRegistered.TYPE.equals(envelope.type()) || envelope.version() != UserRegistered.VERSION) {
                return;
            }
            registered = json.treeToValue(envelope.payload(), UserRegistered.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            // Retrying cannot fix an unreadable record, and throwing would block the partition.
            log.warn("Skipping an unreadable user event: {}", e.getMessage());
            return;
        }
        if (registered.userId() == null || registered.inviteCode() == null || registered.inviteCode().isBlank()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            if (!processedEvents.firstTime(CONSUMER, envelope.eventId())) {
                log.info("Registration {} was already handled; not redeeming its code again", envelope.eventId());
                return;
            }
            Redemption redemption = redeeming.redeem(envelope.appId(), registered.userId(), registered.inviteCode());
            if (!(redemption instanceof Redemption.Redeemed)) {
                String reason = reason(redemption);
                log.info("The invite code user {} registered with redeemed nothing: {}", registered.userId(), reason);
                ignored.record(envelope.eventId(), envelope.appId(), registered.userId(), registered.inviteCode(), reason);
            }
        });
    }

    private static String reason(Redemption redemption) {
        return switch (redemption) {
            case Redemption.Redeemed redeemed -> "redeemed";
            case Redemption.Unknown unknown -> "unknown";
            case Redemption.Expired expired -> "expired";
            case Redemption.Revoked revoked -> "revoked";
            case Redemption.Exhausted exhausted -> "exhausted";
            case Redemption.AlreadyRedeemed again -> "already_redeemed";
        };
    }
}
