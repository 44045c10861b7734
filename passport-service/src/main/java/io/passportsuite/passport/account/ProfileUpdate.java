package io.passportsuite.passport.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.UserProfileUpdated;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;

/** Changes the public profile (nickname, avatar, signature) and announces the new one. */
@Service
public class ProfileUpdate {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_SIGNATURE_LENGTH = 200;

    private final UserRepository users;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;

    ProfileUpdate(UserRepository users, OutboxWriter outbox, TransactionTemplate transaction) {
        this.users = users;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** {@code changedBy}: one of {@link UserProfileUpdated}'s {@code BY_*}, told to readers of the event. */
    public Outcome<User> update(String appId, UUID userId, ProfileChanges changes, String changedBy) {
        Optional<Problem> invalid = violation(changes);
        if (invalid.isPresent()) {
            return Outcome.failure(invalid.get());
        }
        User updated = transaction.execute(status -> {
            User current = users.findInApp(appId, userId).orElse(null);
            if (current == null) {
                return null;
            }
            return apply(current, changes, changedBy);
        });
        return updated == null
                ? Outcome.failure(Reason.USER_NOT_FOUND)
                : Outcome.success(updated);
    }

    /** Writes valid changes to {@code current} and announces the new profile, inside the caller's transaction. */
    User apply(User current, ProfileChanges changes, String changedBy) {
        User user = users.updateProfile(current.id(), changes.nickname().orElse(current.nickname()).strip(),
                changes.avatarUrl().orElse(current.avatarUrl()), changes.signature().orElse(current.signature()));
        outbox.append(Topics.USER_EVENTS, UserProfileUpdated.TYPE, UserProfileUpdated.VERSION, current.appId(), current.id().toString(),
                new UserProfileUpdated(user.id(), user.nickname(), user.avatarUrl(), user.signature(), changedBy));
        return user;
    }

    /** What is wrong with the changes, whoever makes them: the user, or an operator for them. */
    static Optional<Problem> violation(ProfileChanges changes) {
        if (changes.nickname().present()) {
            String nickname = changes.nickname().value();
            if (nickname == null || nickname.isBlank() || nickname.length() > AccountRegistration.MAX_NICKNAME_LENGTH) {
                return Optional.of(Problem.of(Reason.NICKNAME_INVALID));
            }
        }
        if (changes.avatarUrl().present() && changes.avatarUrl().value() != null && !webUrl(changes.avatarUrl().value())) {
            return Optional.of(Problem.of(Reason.AVATAR_INVALID));
        }
        if (changes.signature().present() && changes.signature().value() != null
                && changes.signature().value().length() > MAX_SIGNATURE_LENGTH) {
            return Optional.of(Problem.of(Reason.SIGNATURE_INVALID));
        }
        return Optional.empty();
    }

    private static boolean webUrl(String value) {
        if (value.length() > MAX_URL_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
