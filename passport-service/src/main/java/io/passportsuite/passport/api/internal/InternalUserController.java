package io.passportsuite.passport.api.internal;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.passport.account.AccountDisabling;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.web.InternalApi;
import io.passportsuite.passport.web.JsonBody;
import tools.jackson.databind.JsonNode;

/** Internal: account actions the admin back office takes on behalf of an administrator. */
@RestController
@RequestMapping("/internal/apps/{appId}/users/{userId}")
@InternalApi
class InternalUserController {

    private final AccountDisabling disabling;

    InternalUserController(AccountDisabling disabling) {
        this.disabling = disabling;
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
}
