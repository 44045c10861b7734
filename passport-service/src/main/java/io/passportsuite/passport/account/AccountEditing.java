package io.passportsuite.passport.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.events.user.UserProfileUpdated;
import io.passportsuite.common.identity.Contacts;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.Sessions;

/**
 * An operator edits an account for its user: the profile under the rules the user has
 * ({@link ProfileUpdate}), the identifiers under those of registration (valid, and free in the
 * app), and the role. The answer holds the account before and after, for the caller's audit.
 * A new email or phone is unproven: nobody showed it reaches the user. A new role ends every
 * session, so no token goes on carrying the old one.
 */
@Service
public class AccountEditing {

    public static final String ROLE_CHANGED = "role_changed";

    private final UserRepository users;
    private final ProfileUpdate profiles;
    private final Sessions sessions;
    private final TransactionTemplate transaction;

    AccountEditing(UserRepository users, ProfileUpdate profiles, Sessions sessions, TransactionTemplate transaction) {
        this.users = users;
        this.profiles = profiles;
        this.sessions = sessions;
        this.transaction = transaction;
    }

    public record Edited(User before, User after) {
    }

    public Outcome<Edited> edit(String appId, UUID userId, AccountChanges changes) {
        Optional<Problem> invalid = ProfileUpdate.violation(changes.profile());
        if (invalid.isPresent()) {
            return Outcome.failure(invalid.get());
        }
        if (changes.username().present() && !Usernames.valid(changes.username().value())) {
            return Outcome.failure(Reason.USERNAME_INVALID);
        }
        String email = null;
        if (changes.email().present() && changes.email().value() != null) {
            email = Contacts.email(changes.email().value()).orElse(null);
            if (email == null) {
                return Outcome.failure(Reason.EMAIL_INVALID, "email");
            }
        }
        String phone = null;
        if (changes.phone().present() && changes.phone().value() != null) {
            phone = Contacts.phone(changes.phone().value()).orElse(null);
            if (phone == null) {
                return Outcome.failure(Reason.PHONE_INVALID, "phone");
            }
        }
        Integer role = changes.role().value();
        if (changes.role().present() && (role == null || (role != User.ROLE_USER && role != User.ROLE_ADMIN))) {
            return Outcome.failure(Reason.ROLE_INVALID);
        }
        Wanted wanted = new Wanted(changes.username().orElse(null), changes.email().present() ? email : null,
                changes.phone().present() ? phone : null);
        try {
            Outcome<Edited> edited = transaction.execute(status -> edit(appId, userId, changes, wanted, status));
            return Objects.requireNonNull(edited);
        } catch (DuplicateKeyException e) {
            // Another request took an identifier between the check and the write.
            return Outcome.failure(Identifiers.taken(users, appId, userId, wanted.username(), wanted.email(), wanted.phone())
                    .orElse(Problem.of(Reason.USERNAME_TAKEN)));
        }
    }

    /** The identifiers the changes set, null where they keep or remove one. */
    private record Wanted(String username, String email, String phone) {
    }

    private Outcome<Edited> edit(String appId, UUID userId, AccountChanges changes, Wanted wanted,
            TransactionStatus status) {
        Optional<User> found = users.lockInApp(appId, userId);
        if (found.isEmpty()) {
            return Outcome.failure(Reason.USER_NOT_FOUND);
        }
        User before = found.get();
        Optional<Problem> taken = Identifiers.taken(users, appId, userId,
                wanted.username(), wanted.email(), wanted.phone());
        if (taken.isPresent()) {
            return Outcome.failure(taken.get());
        }
        String email = changes.email().present() ? wanted.email() : before.email();
        String phone = changes.phone().present() ? wanted.phone() : before.phone();
        int role = changes.role().present() ? changes.role().value() : before.role();
        User after = users.updateAccount(userId, changes.username().orElse(before.username()),
                email, sameEmail(before.email(), email) && before.emailVerified(),
                phone, Objects.equals(before.phone(), phone) && before.phoneVerified(), role);
        if (changes.nickname().present() || changes.avatarUrl().present()) {
            after = profiles.apply(after, changes.profile(), UserProfileUpdated.BY_OPERATOR);
        }
        List<String> edited = editedFields(before, after);
        if (role != before.role()) {
            sessions.revokeAllOfUser(userId, ROLE_CHANGED);
        }
        if (!edited.isEmpty()) {
            sessions.recordSecurityEvent(appId, userId, "account_edited_by_administrator",
                    "{\"fields\":[" + String.join(",", edited.stream().map(field -> "\"" + field + "\"").toList()) + "]}");
        }
        return Outcome.success(new Edited(before, after));
    }

    private static boolean sameEmail(String before, String after) {
        return before == null ? after == null : before.equalsIgnoreCase(after);
    }

    private static List<String> editedFields(User before, User after) {
        List<String> fields = new ArrayList<>();
        if (!before.username().equals(after.username())) {
            fields.add("username");
        }
        if (!Objects.equals(before.email(), after.email())) {
            fields.add("email");
        }
        if (!Objects.equals(before.phone(), after.phone())) {
            fields.add("phone");
        }
        if (before.role() != after.role()) {
            fields.add("role");
        }
        if (!before.nickname().equals(after.nickname())) {
            fields.add("nickname");
        }
        if (!Objects.equals(before.avatarUrl(), after.avatarUrl())) {
            fields.add("avatar_url");
        }
        return fields;
    }
}
