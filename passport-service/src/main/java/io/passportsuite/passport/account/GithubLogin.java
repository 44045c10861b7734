package io.passportsuite.passport.account;

import java.util.Optional;

import org.springframework.stereotype.Service;

import io.passportsuite.passport.app.App;
import io.passportsuite.passport.github.GithubIdentity;
import io.passportsuite.passport.github.GithubProof;
import io.passportsuite.passport.github.GithubVerification;
import io.passportsuite.passport.outcome.Outcome;
import io.passportsuite.passport.outcome.Reason;
import io.passportsuite.passport.session.ClientInfo;
import io.passportsuite.passport.session.Sessions;

/**
 * Login with GitHub, GitHub saying who the user is. The account is the one linked to the GitHub
 * account's numeric id; at a first login, the account whose email GitHub verified as the user's
 * primary one, when that account has proven the address too (an unproven address may have been
 * typed in by anyone: linking to it would hand the GitHub user a stranger's pre-made account, or
 * the account's maker the GitHub user's). Otherwise a new account, without a password, named
 * after the GitHub login or a free variant of it.
 */
@Service
public class GithubLogin {

    /** Enough for a lost race to link the same GitHub account twice: the next round finds the winner's link. */
    private static final int ROUNDS = 3;
    private static final int MAX_NICKNAME_LENGTH = AccountRegistration.MAX_NICKNAME_LENGTH;

    private final GithubVerification github;
    private final LinkedIdentityRepository identities;
    private final UserRepository users;
    private final AccountRegistration registration;
    private final Sessions sessions;

    GithubLogin(GithubVerification github, LinkedIdentityRepository identities, UserRepository users, AccountRegistration registration,
            Sessions sessions) {
        this.github = github;
        this.identities = identities;
        this.users = users;
        this.registration = registration;
        this.sessions = sessions;
    }

    public Outcome<LoggedIn> login(App app, GithubProof proof, ClientInfo client) {
        return github.verify(app, proof).flatMap(identity -> logIn(app, identity, client));
    }

    private Outcome<LoggedIn> logIn(App app, GithubIdentity identity, ClientInfo client) {
        for (int round = 0; round < ROUNDS; round++) {
            Optional<User> linked = identities.userOf(LinkedIdentityRepository.GITHUB, app.appId(), identity.subject()).flatMap(users::find);
            if (linked.isPresent()) {
                return open(app, linked.get(), false, client);
            }
            Optional<User> sameEmail = Optional.ofNullable(identity.verifiedEmail()).flatMap(email -> users.findByEmail(app.appId(), email));
            // An administrator's account is never linked by email: the back office stays behind its own login.
            if (sameEmail.isPresent() && sameEmail.get().emailVerified() && sameEmail.get().role() != User.ROLE_ADMIN
                    && identities.link(LinkedIdentityRepository.GITHUB, app.appId(), identity.subject(), sameEmail.get().id(), identity.login())) {
                return open(app, sameEmail.get(), false, client);
            }
            // The address stays with the account that has it; the new account goes without.
            String email = sameEmail.isEmpty() ? identity.verifiedEmail() : null;
            Outcome<User> created = registration.registerLinked(app,
                    new NewAccount(null, null, nickname(identity), email, null, null, email != null, false, App.LOGIN_GITHUB),
                    new AccountRegistration.Linked(true, identity.login(), identity.avatarUrl(),
                            user -> identities.link(LinkedIdentityRepository.GITHUB, app.appId(), identity.subject(), user.id(), identity.login())));
            if (created instanceof Outcome.Success<User>(User user)) {
                return open(app, user, true, client);
            }
            Outcome.Failure<User> failure = (Outcome.Failure<User>) created;
            // Lost a race: the address was taken meanwhile, or the GitHub account linked; look again.
            boolean raced = failure.problem().reason() == Reason.IDENTITY_ALREADY_LINKED || failure.problem().reason() == Reason.EMAIL_TAKEN;
            if (!raced) {
                return Outcome.failure(failure.problem());
            }
        }
        return Outcome.failure(Reason.IDENTITY_ALREADY_LINKED);
    }

    private Outcome<LoggedIn> open(App app, User user, boolean created, ClientInfo client) {
        if (!user.active()) {
            return Outcome.failure(Reason.ACCOUNT_DISABLED);
        }
        return sessions.open(app, user.id(), user.role(), App.LOGIN_GITHUB, client).map(tokens -> new LoggedIn(user, tokens, created));
    }

    private static String nickname(GithubIdentity identity) {
        String name = identity.name() != null && !identity.name().isBlank() ? identity.name().strip() : identity.login();
        return name.length() > MAX_NICKNAME_LENGTH ? name.substring(0, MAX_NICKNAME_LENGTH) : name;
    }
}
