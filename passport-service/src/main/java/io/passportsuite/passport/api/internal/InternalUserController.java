package io.passportsuite.passport.api.internal;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.passport.account.AccountChanges;
import io.passportsuite.passport.account.AccountDisabling;
import io.passportsuite.passport.account.AccountEditing;
import io.passportsuite.passport.account.AccountEnabling;
import io.passportsuite.passport.account.AdminPasswordReset;
import io.passportsuite.passport.account.DeletingAccount;
import io.passportsuite.passport.account.ProfileChanges.Change;
import io.passportsuite.passport.web.InternalApi;
import io.passportsuite.passport.web.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * Internal: account actions the admin back office takes on behalf of an administrator. Another
 * app's user, like a missing one or an id that is no UUID, is a 404.
 */
@RestController
@RequestMapping("/internal/apps/{appId}/users/{userId}")
@InternalApi
class InternalUserController {

    private final AccountDisabling disabling;
    private final AccountEnabling enabling;
    private final AccountEditing editing;
    private final AdminPasswordReset passwordReset;
    private final DeletingAccount deleting;

    InternalUserController(AccountDisabling disabling, AccountEnabling enabling, AccountEditing editing, AdminPasswordReset passwordReset,
            DeletingAccount deleting) {
        this.disabling = disabling;
        this.enabling = enabling;
        this.editing = editing;
        this.passwordReset = passwordReset;
        this.deleting = deleting;
    }

    /**
     * Sets any of {@code username, nickname, email, phone, avatar_url, role}; a field left out is
     * kept, and email, phone and avatar_url may be set to null. Answers the user before and after.
     */
    @PatchMapping
    Map<String, UserView> edit(@PathVariable String appId, @PathVariable String userId, @RequestBody JsonNode json) {
        JsonBody body = JsonBody.of(json);
        AccountChanges changes = new AccountChanges(text(body, "username"), text(body, "nickname"), text(body, "email"),
                text(body, "phone"), text(body, "avatar_url"), Change.given(body.has("role"), body.integer("role")));
        AccountEditing.Edited edited = editing.edit(appId, InternalUserDirectoryController.userIdOf(userId), changes).orRaise();
        return Map.of("before", UserView.of(edited.before()), "after", UserView.of(edited.after()));
    }

    /** Erases the account and everything passport keeps of it, and announces user.deleted; its tokens are refused from now on. */
    @DeleteMapping
    ResponseEntity<Void> delete(@PathVariable String appId, @PathVariable String userId) {
        deleting.delete(appId, InternalUserDirectoryController.userIdOf(userId)).orRaise();
        return ResponseEntity.noContent().build();
    }

    /** Disables the account and ends its sessions; body {@code {"reason": "..."}} is optional. */
    @PostMapping("/disable")
    ResponseEntity<Void> disable(@PathVariable String appId, @PathVariable String userId, @RequestBody(required = false) JsonNode json) {
        String reason = json == null ? null : JsonBody.of(json).text("reason");
        UUID id = InternalUserDirectoryController.userIdOf(userId);
        disabling.disable(appId, id, reason == null ? "disabled by an administrator" : reason).orRaise();
        return ResponseEntity.noContent().build();
    }

    /** Lets a disabled account log in again; its ended sessions stay ended. */
    @PostMapping("/enable")
    ResponseEntity<Void> enable(@PathVariable String appId, @PathVariable String userId) {
        enabling.enable(appId, InternalUserDirectoryController.userIdOf(userId)).orRaise();
        return ResponseEntity.noContent().build();
    }

    /** Sets {@code new_password} (the app's password policy) and ends every session of the user. */
    @PostMapping("/reset-password")
    Map<String, Object> resetPassword(@PathVariable String appId, @PathVariable String userId, @RequestBody JsonNode json) {
        String newPassword = JsonBody.of(json).text("new_password");
        passwordReset.reset(appId, InternalUserDirectoryController.userIdOf(userId), newPassword).orRaise();
        return Map.of();
    }

    private static Change<String> text(JsonBody body, String field) {
        return Change.given(body.has(field), body.text(field));
    }
}
