package io.passportsuite.admin.users;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.audit.Actor;
import tools.jackson.databind.json.JsonMapper;

/** An administrator makes another administrator a user again (role 1), never themselves nor the last one. */
@Service
public class DemotingAdmin {

    public static final String ACTION = "admin.demote";

    private final EditingUser editing;
    private final KeepingAnAdmin keeping;
    private final JsonMapper json;

    DemotingAdmin(EditingUser editing, KeepingAnAdmin keeping, JsonMapper json) {
        this.editing = editing;
        this.keeping = keeping;
        this.json = json;
    }

    public Edit demote(Actor actor, UUID userId) {
        Optional<Edit> refused = keeping.refusal(actor, userId, true);
        return refused.orElseGet(() -> editing.apply(actor, userId, json.createObjectNode().put("role", Roles.USER), ACTION));
    }
}
