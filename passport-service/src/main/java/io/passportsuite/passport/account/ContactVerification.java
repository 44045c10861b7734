package io.passportsuite.passport.account;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;

/**
 * A verification code sent to an address comes back: the address is proven, and when an account
 * of the app has it, that account's contact is marked proven (with what a first proof implies).
 * The answer is the same with or without such an account.
 */
@Service
public class ContactVerification {

    private final VerificationCodes codes;
    private final UserRepository users;
    private final ProvingContact proving;

    ContactVerification(VerificationCodes codes, UserRepository users, ProvingContact proving) {
        this.codes = codes;
        this.users = users;
        this.proving = proving;
    }

    public Outcome<Contact> verify(App app, Contact contact, String code) {
        if (!codes.consume(app.appId(), contact.value(), CodePurpose.VERIFY_EMAIL, code)) {
            return Outcome.failure(Reason.CODE_INVALID);
        }
        users.findByContact(app.appId(), contact).ifPresent(user -> proving.proven(user, contact.kind()));
        return Outcome.success(contact);
    }
}
