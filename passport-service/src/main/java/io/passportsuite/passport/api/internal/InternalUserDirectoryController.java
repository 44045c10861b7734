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

import io.passportsuite.passport.account.UserDirectory;
import io.passportsuite.passport.account.UserFilter;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.web.InternalApi;

/**
 * Internal: an app's users for the admin back office, with the fields its reference shows. A list
 * is paged by {@code offset} or {@code after} (the {@code next} of the page before), searched by
 * {@code q} (a prefix of username, email, phone or nickname) and filtered by {@code role},
 * {@code disabled} and {@code verified} (email).
 */
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
            @RequestParam(defaultValue = "0") long offset, @RequestParam(required = false) String after,
            @RequestParam(required = false) String q, @RequestParam(required = false) String role,
            @RequestParam(required = false) String disabled, @RequestParam(required = false) String verified) {
        UserFilter filter = new UserFilter(q == null || q.isBlank() ? null : q.strip(), role(role),
                flag("disabled", disabled), flag("verified", verified));
        UserDirectory.Page page = directory.page(appId, limit, offset, after, filter).orRaise();
        return new UserPage(page.users().stream().map(UserView::of).toList(), page.limit(), page.offset(), page.total(),
                page.totalExact(), page.next());
    }

    /** A user id that is no UUID names no user: 404, as an unknown one. */
    @GetMapping("/{userId}")
    Map<String, UserView> get(@PathVariable String appId, @PathVariable String userId) {
        return Map.of("user", UserView.of(directory.find(appId, userIdOf(userId)).orRaise()));
    }

    /** The user's id, or a 404 raised: a user id that is no UUID names no user. */
    static UUID userIdOf(String text) {
        return parsedUuid(text).orElseThrow(() -> Problem.of(Reason.USER_NOT_FOUND).raise());
    }

    static Optional<UUID> parsedUuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Integer role(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw Problem.of(Reason.ROLE_INVALID).raise();
        }
    }

    /** Exactly {@code true} or {@code false}: "yes", "1" or "on" would be guesses. */
    private static Boolean flag(String name, String text) {
        return switch (text) {
            case null -> null;
            case "true" -> true;
            case "false" -> false;
            default -> throw Problem.of(Reason.FILTER_INVALID, name).raise();
        };
    }

    /** {@code total_exact}: false when {@code total} is a filtered count that stopped at its cap. {@code next}: null on the last page. */
    record UserPage(List<UserView> users, int limit, long offset, long total, @JsonProperty("total_exact") boolean totalExact,
            String next) {
    }
}
