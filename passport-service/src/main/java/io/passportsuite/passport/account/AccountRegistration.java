package io.passportsuite.passport.account;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.UserRegistered;
import io.passportsuite.common.identity.Contacts;
import io.passportsuite.passport.app.App;
import io.passportsuite.passport.code.VerificationCodes;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.password.PasswordHasher;
import io.passportsuite.passport.session.ClientInfo;
import io.passportsuite.passport.session.Sessions;

/** Creates an account in an app and records its registration event in the same transaction. */
@Service
public class AccountRegistration {

    static final int MAX_NICKNAME_LENGTH = 50;
    static final int MAX_INVITE_CODE_LENGTH = 64;
    private static final int USERNAME_ATTEMPTS = 5;

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final VerificationCodes codes;
    private final Sessions sessions;

    AccountRegistration(UserRepository users, PasswordHasher passwords, OutboxWriter outbox, TransactionTemplate transaction,
            Clock clock, VerificationCodes codes, Sessions sessions) {
        this.codes = codes;
        this.sessions = sessions;
        this.users = users;
        this.passwords = passwords;
        this.outbox = outbox;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Outcome<User> register(App app, NewAccount account) {
        return register(app, account, Optional.empty());
    }

    /** Registers and opens the new user's first session, as the surfaces that sign up and in at once do. */
    public Outcome<LoggedIn> registerAndLogIn(App app, NewAccount account, Optional<CodeProof> proof, String method,
            ClientInfo client) {
        return register(app, account, proof)
                .flatMap(user -> sessions.open(app, user.id(), user.role(), method, client).map(tokens -> new LoggedIn(user, tokens, true)));
    }

    /**
     * {@code proof}, a code sent to one of the account's contacts, is checked once the request is
     * known to be valid and its identifiers free, right before the account is created: the code is
     * spent only when nothing else stands in the way.
     */
    public Outcome<User> register(App app, NewAccount account, Optional<CodeProof> proof) {
        return register(app, account, proof, User.ROLE_USER);
    }

    /** An administrator (role 9) of {@code app}, created by the operator's configuration, never by a request. */
    Outcome<User> registerAdministrator(App app, String username, String password) {
        return register(app, new NewAccount(username, password, null, null, null, null, false, false, "admin_bootstrap"),
                Optional.empty(), User.ROLE_ADMIN, Linked.NONE);
    }

    /**
     * An account that logs in through an outside identity (GitHub) and has no password. Its
     * username is {@code linked.preferredUsername} when that is valid and free, else a variant of
     * it; {@code linked.link} runs in the transaction that creates the account and undoes the
     * creation when it answers false (the identity was linked to someone else meanwhile):
     * the answer is then {@link Reason#IDENTITY_ALREADY_LINKED}.
     */
    Outcome<User> registerLinked(App app, NewAccount account, Linked linked) {
        return register(app, account, Optional.empty(), User.ROLE_USER, linked);
    }

    /** What an account created for an outside identity has beyond a {@link NewAccount}. */
    record Linked(boolean passwordless, String preferredUsername, String avatarUrl, Predicate<User> link) {

        static final Linked NONE = new Linked(false, null, null, user -> true);
    }

    private Outcome<User> register(App app, NewAccount account, Optional<CodeProof> proof, int role) {
        return register(app, account, proof, role, Linked.NONE);
    }

    private Outcome<User> register(App app, NewAccount account, Optional<CodeProof> proof, int role, Linked linked) {
        Optional<String> email = Optional.empty();
        Optional<String> phone = Optional.empty();
        if (account.email() != null) {
            email = Contacts.email(account.email());
            if (email.isEmpty()) {
                return Outcome.failure(Reason.EMAIL_INVALID, "email");
            }
        }
        if (account.phone() != null) {
            phone = Contacts.phone(account.phone());
            if (phone.isEmpty()) {
                return Outcome.failure(Reason.PHONE_INVALID, "phone");
            }
        }
        if (account.username() != null && !Usernames.valid(account.username())) {
            return Outcome.failure(Reason.USERNAME_INVALID);
        }
        if (account.nickname() != null && (account.nickname().isBlank() || account.nickname().length() > MAX_NICKNAME_LENGTH)) {
            return Outcome.failure(Reason.NICKNAME_INVALID);
        }
        if (account.inviteCode() != null && (account.inviteCode().isBlank() || account.inviteCode().length() > MAX_INVITE_CODE_LENGTH)) {
            return Outcome.failure(Reason.INVITE_CODE_INVALID);
        }
        // A guest created by a verified email code has no password until they set one.
        boolean passwordless = account.password() == null && (linked.passwordless() || account.emailVerified() && account.email() != null);
        Optional<Problem> weak = passwordless ? Optional.empty() : app.passwordPolicy().violation(account.password());
        if (weak.isPresent()) {
            return Outcome.failure(weak.get());
        }
        Optional<Problem> taken = identifierTaken(app.appId(), account.username(), email, phone);
        if (taken.isPresent()) {
            return Outcome.failure(taken.get());
        }

        // Hash outside any transaction (tens of milliseconds, no connection needed), and before the
        // proof uses up its code: when hashing is saturated the caller retries with the same code.
        String hash = passwordless ? null : passwords.hash(account.password());
        if (proof.isPresent()) {
            CodeProof given = proof.get();
            if (given.code() == null) {
                return Outcome.failure(given.whenAbsent());
            }
            if (!codes.consume(app.appId(), given.contact().value(), given.purpose(), given.code())) {
                return Outcome.failure(Reason.CODE_INVALID);
            }
        }
        for (int attempt = 0; attempt < USERNAME_ATTEMPTS; attempt++) {
            String username = account.username() != null ? account.username()
                    : attempt == 0 && Usernames.valid(linked.preferredUsername()) ? linked.preferredUsername()
                    : Usernames.candidate(linked.preferredUsername() != null ? linked.preferredUsername()
                            : email.map(e -> e.substring(0, e.indexOf('@'))).orElse(account.nickname()));
            String nickname = account.nickname() != null ? account.nickname().strip() : username;
            User user = new User(UUID.randomUUID(), app.appId(), username, email.orElse(null), phone.orElse(null), hash,
                    nickname, linked.avatarUrl(), null, role, User.ACTIVE, account.emailVerified(), account.phoneVerified(), false, false, null,
                    clock.instant(), clock.instant());
            boolean[] linkRefused = {false};
            Boolean created = transaction.execute(status -> {
                if (!users.insert(user, account.inviteCode())) {
                    status.setRollbackOnly();
                    return false;
                }
                if (!linked.link().test(user)) {
                    linkRefused[0] = true;
                    status.setRollbackOnly();
                    return false;
                }
                outbox.append(Topics.USER_EVENTS, UserRegistered.TYPE, UserRegistered.VERSION, app.appId(), user.id().toString(),
                        new UserRegistered(user.id(), user.username(), user.nickname(), user.email(), user.phone(), user.role(),
                                account.inviteCode(), account.via()));
                return true;
            });
            if (Boolean.TRUE.equals(created)) {
                return Outcome.success(user);
            }
            if (linkRefused[0]) {
                return Outcome.failure(Reason.IDENTITY_ALREADY_LINKED);
            }
            // Lost a race on an identifier: report it, or try another generated username.
            Optional<Problem> raced = identifierTaken(app.appId(), account.username(), email, phone);
            if (raced.isPresent() || account.username() != null) {
                return Outcome.failure(raced.orElse(Problem.of(Reason.USERNAME_TAKEN)));
            }
        }
        return Outcome.failure(Reason.NO_FREE_USERNAME);
    }

    private Optional<Problem> identifierTaken(String appId, String username, Optional<String> email, Optional<String> phone) {
        return Identifiers.taken(users, appId, null, username, email.orElse(null), phone.orElse(null));
    }
}
