package io.passportsuite.admin.users;

import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.admin.audit.Actor;
import tools.jackson.databind.json.JsonMapper;

/**
 * An administrator makes an existing user of the platform app an administrator (role 9). Promoting
 * rather than creating an account with a password: the back office never chooses or sees anyone's
 * password, the new administrator registers (and proves their email) as every user does, and the
 * account already has passport's login rules, lockout and history; passport ends the user's
 * sessions so that the next token carries the new role.
 */
@Service
public class PromotingAdmin {

    public static final String ACTION = "admin.promote";

    private final EditingUser editing;
    private final JsonMapper json;

    PromotingAdmin(EditingUser editing, JsonMapper json) {
        this.editing = editing;
        this.json = json;
    }

    public Edit promote(Actor actor, UUID userId) {
        return editing.apply(actor, userId, json.createObjectNode().put("role", Roles.ADMIN), ACTION);
    }
}
