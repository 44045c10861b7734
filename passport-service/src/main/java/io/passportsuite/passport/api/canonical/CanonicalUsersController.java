package io.passportsuite.passport.api.canonical;

import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.common.events.user.UserProfileUpdated;
import io.passportsuite.passport.account.DeletingAccount;
import io.passportsuite.passport.account.ProfileChanges;
import io.passportsuite.passport.account.ProfileUpdate;
import io.passportsuite.passport.account.User;
import io.passportsuite.passport.account.UserRepository;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.web.JsonBody;
import tools.jackson.databind.JsonNode;

/** The canonical API's users ({@code /auth/v1/users/*}): only the key's app's users, whoever asks. */
@RestController
@RequestMapping("/auth/v1")
class CanonicalUsersController {

    private final CallingApp caller;
    private final UserRepository users;
    private final ProfileUpdate profiles;
    private final DeletingAccount deleting;
    private final CanonicalProblems problems;

    CanonicalUsersController(CallingApp caller, UserRepository users, ProfileUpdate profiles, DeletingAccount deleting,
            CanonicalProblems problems) {
        this.caller = caller;
        this.users = users;
        this.profiles = profiles;
        this.deleting = deleting;
        this.problems = problems;
    }

    @GetMapping("/users/{userId}")
    ResponseEntity<Object> user(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String userId) {
        App app = caller.appOf(authorization);
        return ResponseEntity.ok(UserView.of(userOfApp(app, userId)));
    }

    @PutMapping("/users/{userId}")
    ResponseEntity<Object> update(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String userId, @RequestBody JsonNode json) {
        App app = caller.appOf(authorization);
        JsonBody body = JsonBody.of(json);
        User user = userOfApp(app, userId);
        String bodyUserId = body.text("userId");
        if (bodyUserId != null && !bodyUserId.equals(userId)) {
            throw Problem.of(Reason.USER_ID_MISMATCH).raise();
        }
        ProfileChanges changes = new ProfileChanges(ProfileChanges.Change.given(body.has("nickname"), body.textNotNull("nickname")),
                change(body, "avatar"), change(body, "signature"));
        return switch (profiles.update(app.appId(), user.id(), changes, UserProfileUpdated.BY_APP)) {
            case Outcome.Success<User> updated -> ResponseEntity.ok(UserView.of(updated.value()));
            case Outcome.Failure<User> failure -> problems.failure(failure.problem());
        };
    }

    /** Erases the user and everything passport keeps of them; other services hear of it (user.deleted). 204, no body. */
    @DeleteMapping("/users/{userId}")
    ResponseEntity<Object> delete(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String userId) {
        App app = caller.appOf(authorization);
        User user = userOfApp(app, userId);
        return switch (deleting.delete(app.appId(), user.id())) {
            case Outcome.Success<DeletingAccount.Deleted> deleted -> ResponseEntity.noContent().build();
            case Outcome.Failure<DeletingAccount.Deleted> failure -> problems.failure(failure.problem());
        };
    }

    private User userOfApp(App app, String userId) {
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            throw Problem.of(Reason.USER_ID_MALFORMED).raise();
        }
        // Another app's user answers exactly as an unknown id: a key never learns which ids exist elsewhere.
        return users.findInApp(app.appId(), id)
                .orElseThrow(() -> Problem.of(Reason.USER_NOT_FOUND).raise());
    }

    private static ProfileChanges.Change<String> change(JsonBody body, String field) {
        return ProfileChanges.Change.given(body.has(field), body.text(field));
    }
}
