package io.passportsuite.passport.account;

import java.util.Optional;

import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.common.identity.Contacts;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;

/**
 * An email address or a phone number in normal form: how accounts are found by contact, and what
 * codes are bound to and sent to.
 */
public record Contact(Kind kind, String value) {

    public enum Kind {
        EMAIL, PHONE
    }

    /** {@code field} names the input in the error when {@code raw} is no valid address. */
    public static Outcome<Contact> email(String raw, String field) {
        return Contacts.email(raw).map(value -> Outcome.success(new Contact(Kind.EMAIL, value)))
                .orElseGet(() -> Outcome.failure(Reason.EMAIL_INVALID, field));
    }

    /** {@code field} names the input in the error when {@code raw} is no international number. */
    public static Outcome<Contact> phone(String raw, String field) {
        return Contacts.phone(raw).map(value -> Outcome.success(new Contact(Kind.PHONE, value)))
                .orElseGet(() -> Outcome.failure(Reason.PHONE_INVALID, field));
    }

    /** An identifier that is an email address or a phone number, told apart by shape. */
    public static Optional<Contact> parse(String identifier) {
        String value = identifier.strip();
        if (Contacts.looksLikeEmail(value)) {
            return Contacts.email(value).map(email -> new Contact(Kind.EMAIL, email));
        }
        return Contacts.phone(value).map(phone -> new Contact(Kind.PHONE, phone));
    }

    public boolean isEmail() {
        return kind == Kind.EMAIL;
    }

    /** The notification channel that reaches this contact. */
    public String channel() {
        return isEmail() ? NotificationRequested.EMAIL : NotificationRequested.SMS;
    }
}
