package io.passportsuite.passport.api.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.passport.account.User;
import io.passportsuite.passport.account.UserDirectory;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.web.InternalApi;
import io.passportsuite.passport.web.Timestamps;

/** Internal: an app's users for the admin back office, with the fields its reference shows. */
@RestController
@RequestMapping("/internal/apps/{appId}/users")
@InternalApi
class InternalUserDirectoryController {

    private final UserDirectory directory;

    InternalUserDirectoryController(UserDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    UserPage list(@PathVariable String appId, @RequestParam(defaultValue = "" + UserDirectory.DEFAULT_LIMIT) int limit,
            @RequestParam(defaultValue = "0") long offset) {
        UserDirectory.Page page = directory.page(appId, limit, offset).orRaise();
        return new UserPage(page.users().stream().map(UserView::of).toList(), page.limit(), page.offset(), page.total());
    }

    /** A user id that is no UUID names no user: 404, as an unknown one. */
    @GetMapping("/{userId}")
    Map<String, UserView> get(@PathVariable String appId, @PathVariable String userId) {
        UUID id = userIdOf(userId).orElseThrow(() -> Problem.of(Reason.USER_NOT_FOUND).raise());
        return Map.of("user", UserView.of(directory.find(appId, id).orRaise()));
    }

    static Optional<UUID> userIdOf(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    record UserPage(List<UserView> users, int limit, long offset, long total) {
    }

    record UserView(String id, String username, String nickname, String email,
            @JsonProperty("email_verified") boolean emailVerified, String phone, @JsonProperty("avatar_url") String avatarUrl,
            int role, @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt) {

        static UserView of(User user) {
            return new UserView(user.id().toString(), user.username(), user.nickname(), user.email(), user.emailVerified(),
                    user.phone(), user.avatarUrl(), user.role(), Timestamps.millis(user.createdAt()), Timestamps.millis(user.updatedAt()));
        }
    }
}
