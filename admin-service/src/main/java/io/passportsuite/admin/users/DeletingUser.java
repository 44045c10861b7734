package io.passportsuite.admin.users;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;

/**
 * An administrator erases a user of the platform app: passport deletes the account, ends its
 * sessions and announces it (user.deleted), and the services that keep data of the user erase
 * theirs. Never one's own account nor the last administrator's, checked as for a demotion. The
 * audit row names the target by id only: the trail outlives the account and keeps none of its data.
 */
@Service
public class DeletingUser {

    public static final String ACTION = "user.delete";

    private final Passport passport;
    private final KeepingAnAdmin keeping;
    private final AuditedCalls audited;
    private final String appId;

    DeletingUser(Passport passport, KeepingAnAdmin keeping, AuditedCalls audited, AdminSettings settings) {
        this.passport = passport;
        this.keeping = keeping;
        this.audited = audited;
        this.appId = settings.platformAppId();
    }

    /** How a deletion ended. */
    public sealed interface Deletion {

        record Deleted(UUID userId) implements Deletion {
        }

        /** Refused here: the platform must keep an administrator. */
        record KeepsAnAdmin(Why why) implements Deletion {
        }

        /** Passport refused (an unknown user: 404) or could not be asked. */
        record NotDone(PassportReply<?> reply) implements Deletion {
        }

        enum Why {
            /** An administrator deleting their own account. */
            SELF_DELETION,
            /** The only administrator left. */
            LAST_ADMIN
        }
    }

    public Deletion delete(Actor actor, UUID userId) {
        Optional<Edit> refused = keeping.refusal(actor, userId, false);
        if (refused.isPresent()) {
            return switch (refused.get()) {
                case Edit.KeepsAnAdmin(Edit.Why why) when why == Edit.Why.SELF_DEMOTION -> new Deletion.KeepsAnAdmin(Deletion.Why.SELF_DELETION);
                case Edit.KeepsAnAdmin any -> new Deletion.KeepsAnAdmin(Deletion.Why.LAST_ADMIN);
                case Edit.NotDone(PassportReply<?> reply) -> new Deletion.NotDone(reply);
                case Edit.Edited edited -> throw new IllegalStateException("a refusal is no edit");
            };
        }
        PassportReply<Void> reply = audited.recordedFirst(new AuditedAction(appId, actor, ACTION, "user", userId.toString(), null,
                Map.of("deleted", true)), () -> passport.deleteUser(appId, userId));
        return reply instanceof PassportReply.Answered<Void> ? new Deletion.Deleted(userId) : new Deletion.NotDone(reply);
    }
}
