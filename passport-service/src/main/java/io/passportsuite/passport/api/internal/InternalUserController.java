package io.passportsuite.passport.api.internal;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.passport.account.AccountDisabling;
import io.passportsuite.passport.account.AdminPasswordReset;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.web.InternalApi;
import io.passportsuite.passport.web.JsonBody;
import tools.jackson.databind.JsonNode;

/** Internal: account actions the admin back office takes on behalf of an administrator. */
@RestController
@RequestMapping("/internal/apps/{appId}/users/{userId}")
@InternalApi
class InternalUserController {

    private final AccountDisabling disabling;
    private final AdminPasswordReset passwordReset;

    InternalUserController(AccountDisabling disabling, AdminPasswordReset passwordReset) {
        this.disabling = disabling;
        this.passwordReset = passwordReset;
    }

    /** Disables the account and ends its sessions; body {@code {"reason": "..."}} is optional. */
    @PostMapping("/disable")
    ResponseEntity<Void> disable(@PathVariable String appId, @PathVariable UUID userId, @RequestBody(required = false) JsonNode json) {
        String reason = json == null ? null : JsonBody.of(json).text("reason");
        return switch (disabling.disable(appId, userId, reason == null ? "disabled by an administrator" : reason)) {
            case Outcome.Success<UUID> ok -> ResponseEntity.noContent().build();
            case Outcome.Failure<UUID> failure -> throw failure.problem().raise();
        };
    }

    /** Sets {@code new_password} (the app's password policy) and ends every session of the user. */
    @PostMapping("/reset-password")
    Map<String, Object> resetPassword(@PathVariable String appId, @PathVariable String userId, @RequestBody JsonNode json) {
        String newPassword = JsonBody.of(json).text("new_password");
        UUID id = InternalUserDirectoryController.userIdOf(userId).orElseThrow(() -> Problem.of(Reason.USER_NOT_FOUND).raise());
        passwordReset.reset(appId, id, newPassword).orRaise();
        return Map.of();
    }
}
