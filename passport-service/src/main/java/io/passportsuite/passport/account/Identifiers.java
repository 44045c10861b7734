package io.passportsuite.passport.account;

import java.util.Optional;
import java.util.UUID;

import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;

/** Usernames, emails and phones are each unique in an app, without regard to case. */
final class Identifiers {

    private Identifiers() {
    }

    /**
     * The first of the given identifiers (null ones are not checked) that an account of the app
     * other than {@code owner} (null for none) holds already.
     */
    static Optional<Problem> taken(UserRepository users, String appId, UUID owner, String username, String email, String phone) {
        if (username != null && heldByAnother(users.findByUsername(appId, username), owner)) {
            return Optional.of(Problem.of(Reason.USERNAME_TAKEN));
        }
        if (email != null && heldByAnother(users.findByEmail(appId, email), owner)) {
            return Optional.of(Problem.of(Reason.EMAIL_TAKEN));
        }
        if (phone != null && heldByAnother(users.findByPhone(appId, phone), owner)) {
            return Optional.of(Problem.of(Reason.PHONE_TAKEN));
        }
        return Optional.empty();
    }

    private static boolean heldByAnother(Optional<User> holder, UUID owner) {
        return holder.filter(user -> !user.id().equals(owner)).isPresent();
    }
}
