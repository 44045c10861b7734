package io.passportsuite.passport.account;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.passport.session.Sessions;

/**
 * Someone just proved they receive what is sent to an account's email or phone (a login code, an
 * email verification, a reset code). Until the first such proof, anyone could have opened the
 * account in that address's name and set its password ("pre-hijacking": the owner later logs in
 * by code and lands in an account whose password the other person still knows, with the other
 * person's sessions still alive). So the first proof of each contact makes the prover the owner:
 * a password set before it stops working, every session opened before it ends, and the account's
 * security history records it. The owner sets a password with a reset code. Later proofs change
 * nothing.
 */
@Service
public class ProvingContact {

    private static final Logger log = LoggerFactory.getLogger(ProvingContact.class);

    private final UserRepository users;
    private final Sessions sessions;
    private final TransactionTemplate transaction;

    ProvingContact(UserRepository users, Sessions sessions, TransactionTemplate transaction) {
        this.users = users;
        this.sessions = sessions;
        this.transaction = transaction;
    }

    /**
     * Call before opening the session the proof leads to. Returns the account as it is after the
     * proof, or empty when the contact was removed from it: the account's other contact was
     * proven by someone, so this one, given without proof (an email-proven registration naming a
     * phone), may be a stranger's that the account's owner attached ("trojan identifier"). The
     * prover is then treated as someone without an account, and the contact is theirs to use.
     */
    public Optional<User> proven(User user, Contact.Kind contact) {
        boolean alreadyProven = contact == Contact.Kind.EMAIL ? user.emailVerified() : user.phoneVerified();
        if (alreadyProven) {
            return Optional.of(user);
        }
        boolean otherProven = contact == Contact.Kind.EMAIL ? user.phoneVerified() : user.emailVerified();
        if (otherProven) {
            transaction.executeWithoutResult(status -> {
                if (users.detachUnproven(user.id(), contact)) {
                    sessions.recordSecurityEvent(user.appId(), user.id(), "unproven_contact_detached",
                            "{\"contact\":\"%s\"}".formatted(name(contact)));
                    log.info("The unproven {} of user {} was proven by its receiver: removed from the account", name(contact), user.id());
                }
            });
            return Optional.empty();
        }
        transaction.executeWithoutResult(status -> {
            if (!users.markFirstProof(user.id(), contact)) {
                return;
            }
            List<UUID> ended = sessions.revokeAllOfUser(user.id(), SessionRevoked.CONTACT_PROVEN);
            boolean passwordDropped = user.passwordHash() != null;
            sessions.recordSecurityEvent(user.appId(), user.id(), "contact_proven",
                    "{\"contact\":\"%s\",\"password_dropped\":%b,\"sessions_ended\":%d}".formatted(
                            name(contact), passwordDropped, ended.size()));
            if (passwordDropped || !ended.isEmpty()) {
                log.info("First proof of the {} of user {}: password dropped {}, {} earlier sessions ended",
                        name(contact), user.id(), passwordDropped, ended.size());
            }
        });
        return users.find(user.id());
    }

    private static String name(Contact.Kind contact) {
        return contact.name().toLowerCase(Locale.ROOT);
    }
}
