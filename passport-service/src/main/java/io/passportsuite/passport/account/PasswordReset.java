package io.passportsuite.passport.account;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.IssuedCode;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.password.PasswordHasher;

/**
 * A forgotten password: a reset code sent to the account's email or phone, then a new password
 * with that code. Neither step tells whether an account has the contact, and the reset logs
 * nobody in: it ends every session of the account.
 */
@Service
public class PasswordReset {

    private final UserRepository users;
    private final VerificationCodes codes;
    private final PasswordHasher passwords;
    private final ProvingContact proving;
    private final PasswordChange change;

    PasswordReset(UserRepository users, VerificationCodes codes, PasswordHasher passwords, ProvingContact proving,
            PasswordChange change) {
        this.users = users;
        this.codes = codes;
        this.passwords = passwords;
        this.proving = proving;
        this.change = change;
    }

    /**
     * Sends a reset code. Without an account nothing is sent, but the answer, the work done and
     * the throttling are those of a send, so neither the answer nor a second request's 429 tells
     * who is registered.
     */
    public Outcome<IssuedCode> sendCode(App app, Contact contact, String locale, String clientIp) {
        boolean known = users.findByContact(app.appId(), contact).isPresent();
        return known
                ? codes.issue(app, contact.channel(), contact.value(), CodePurpose.RESET_PASSWORD, locale, clientIp)
                : codes.withhold(app, contact.channel(), contact.value(), CodePurpose.RESET_PASSWORD, locale, clientIp);
    }

    /**
     * Sets {@code newPassword} on the account of {@code contact} if {@code code} is its live reset
     * code. The password rule is checked first; then {@code contact}, as the surface read it: its
     * problem (an address that is none, or an identifier that names no contact) is the answer.
     */
    public Outcome<UUID> reset(App app, Outcome<Contact> given, String code, String newPassword) {
        Optional<Problem> weak = app.passwordPolicy().violation(newPassword);
        if (weak.isPresent()) {
            return Outcome.failure(weak.get());
        }
        if (!(given instanceof Outcome.Success<Contact>(Contact contact))) {
            return Outcome.failure(((Outcome.Failure<Contact>) given).problem());
        }
        // No account and a wrong code answer alike, and as fast: no hashing before the code is known good.
        Optional<User> user = users.findByContact(app.appId(), contact);
        if (user.isEmpty() || !codes.consume(app.appId(), contact.value(), CodePurpose.RESET_PASSWORD, code)) {
            return Outcome.failure(Reason.CODE_INVALID);
        }
        // Hash before the proof changes the account: when hashing is saturated the old password still works.
        String hash = passwords.hash(newPassword);
        if (proving.proven(user.get(), contact.kind()).isEmpty()) {
            // The address was removed from the account it was given to: as if it had none.
            return Outcome.failure(Reason.CODE_INVALID);
        }
        return change.store(user.get().id(), hash, null, null);
    }
}
