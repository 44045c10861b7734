package io.passportsuite.passport.api.chat;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.common.events.user.UserProfileUpdated;
import io.passportsuite.passport.account.Presence;
import io.passportsuite.passport.account.ProfileChanges;
import io.passportsuite.passport.account.ProfileUpdate;
import io.passportsuite.passport.account.User;
import io.passportsuite.passport.account.UserRepository;
import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.AccessTokenAuthentication;
import io.passportsuite.passport.web.JsonBody;
import io.passportsuite.passport.web.Timestamps;
import tools.jackson.databind.JsonNode;

/** The chat app's profiles and presence ({@code /api/auth/me}, {@code /api/auth/users/*}): every call is a user's. */
@RestController
@RequestMapping("/api/auth")
class ChatProfileController {

    private final DefaultApp defaultApp;
    private final UserRepository users;
    private final ProfileUpdate profiles;
    private final Presence presence;
    private final AccessTokenAuthentication tokens;
    private final ChatProblems problems;

    ChatProfileController(DefaultApp defaultApp, UserRepository users, ProfileUpdate profiles, Presence presence,
            AccessTokenAuthentication tokens, ChatProblems problems) {
        this.defaultApp = defaultApp;
        this.users = users;
        this.profiles = profiles;
        this.presence = presence;
        this.tokens = tokens;
        this.problems = problems;
    }

    @GetMapping("/me")
    ResponseEntity<Object> me(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        User user = currentUser(authorization);
        return ResponseEntity.ok(MeView.of(user));
    }

    @PatchMapping("/me")
    ResponseEntity<Object> updateMe(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode json) {
        User user = currentUser(authorization);
        JsonBody body = JsonBody.of(json);
        ProfileChanges changes = new ProfileChanges(ProfileChanges.Change.given(body.has("displayName"), body.textNotNull("displayName")),
                ProfileChanges.Change.given(body.has("avatarUrl"), body.text("avatarUrl")), ProfileChanges.Change.keep());
        return switch (profiles.update(user.appId(), user.id(), changes, UserProfileUpdated.BY_USER)) {
            case Outcome.Success<User> updated -> ResponseEntity.ok(MeView.of(updated.value()));
            case Outcome.Failure<User> failure -> problems.failure(failure.problem());
        };
    }

    @GetMapping("/users/{id}")
    ResponseEntity<Object> profile(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String id) {
        currentUser(authorization);
        UUID userId;
        try {
            userId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problem.of(Reason.USER_NOT_FOUND).raise();
        }
        User user = users.findInApp(defaultApp.id(), userId)
                .orElseThrow(() -> Problem.of(Reason.USER_NOT_FOUND).raise());
        return ResponseEntity.ok(PublicProfileView.of(user));
    }

    @PostMapping("/disconnect")
    ResponseEntity<Void> disconnect(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        AccessTokenAuthentication.Authenticated caller = authenticated(authorization);
        presence.disconnected(caller.userId());
        return ResponseEntity.noContent().build();
    }

    private User currentUser(String authorization) {
        AccessTokenAuthentication.Authenticated caller = authenticated(authorization);
        presence.seen(caller.userId());
        return users.find(caller.userId()).orElseThrow(() -> Problem.of(Reason.TOKEN_INVALID).raise());
    }

    private AccessTokenAuthentication.Authenticated authenticated(String authorization) {
        return switch (tokens.fromHeader(authorization, defaultApp.id())) {
            case Outcome.Success<AccessTokenAuthentication.Authenticated> ok -> ok.value();
            case Outcome.Failure<AccessTokenAuthentication.Authenticated> failure -> throw failure.problem().raise();
        };
    }

    record PublicProfileView(String id, String username, String displayName, String avatarUrl, boolean isBot, boolean online,
            String lastSeenAt) {

        static PublicProfileView of(User user) {
            return new PublicProfileView(user.id().toString(), user.username(), user.nickname(), user.avatarUrl(), user.bot(),
                    user.online(), Timestamps.millis(user.lastSeenAt()));
        }
    }
}
