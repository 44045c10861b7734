package io.passportsuite.admin.users;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.AdminSettings;
import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.audit.AuditedAction;
import io.passportsuite.admin.passport.Passport;
import io.passportsuite.admin.passport.PassportReply;
import io.passportsuite.admin.passport.PassportUser;
import io.passportsuite.admin.passport.UserChange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An administrator changes a user's profile fields or role; passport checks each field. A role
 * other than administrator is a demotion and passes {@link KeepingAnAdmin} first. The audit row
 * keeps the fields that changed, as they were and as they are.
 */
@Service
public class EditingUser {

    public static final String ACTION = "user.update";

    private final Passport passport;
    private final AuditedCalls audited;
    private final KeepingAnAdmin keeping;
    private final JsonMapper json;
    private final String appId;

    EditingUser(Passport passport, AuditedCalls audited, KeepingAnAdmin keeping, JsonMapper json, AdminSettings settings) {
        this.passport = passport;
        this.audited = audited;
        this.keeping = keeping;
        this.json = json;
        this.appId = settings.platformAppId();
    }

    /** {@code changes}: a JSON object of the fields to set, checked for shape by the caller. */
    public Edit edit(Actor actor, UUID userId, JsonNode changes) {
        JsonNode role = changes.get("role");
        if (role != null && role.isNumber() && role.asInt() != Roles.ADMIN) {
            Optional<Edit> refused = keeping.refusal(actor, userId, false);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return apply(actor, userId, changes, ACTION);
    }

    Edit apply(Actor actor, UUID userId, JsonNode changes, String action) {
        PassportReply<UserChange> reply = audited.recordedAfter(() -> passport.editUser(appId, userId, changes),
                change -> rowOf(actor, userId, change, action),
                new AuditedAction(appId, actor, action, "user", userId.toString(), null, askedOf(changes)));
        return switch (reply) {
            case PassportReply.Answered<UserChange>(UserChange change) -> new Edit.Edited(change.after());
            default -> new Edit.NotDone(reply);
        };
    }

    private AuditedAction rowOf(Actor actor, UUID userId, UserChange change, String action) {
        Map<String, Object> before = fieldsOf(change.before());
        Map<String, Object> after = fieldsOf(change.after());
        Map<String, Object> changedBefore = new LinkedHashMap<>();
        Map<String, Object> changedAfter = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!field.equals("updated_at") && !Objects.equals(before.get(field), value)) {
                changedBefore.put(field, before.get(field));
                changedAfter.put(field, value);
            }
        });
        return new AuditedAction(appId, actor, action, "user", userId.toString(), changedBefore, changedAfter);
    }

    /** The fields asked for: profile fields and a role, never a secret. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> askedOf(JsonNode changes) {
        return json.convertValue(changes, LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fieldsOf(PassportUser user) {
        return json.convertValue(user, LinkedHashMap.class);
    }
}
