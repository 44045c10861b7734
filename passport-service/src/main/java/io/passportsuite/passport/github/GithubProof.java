package io.passportsuite.passport.github;

/** What a client presents to log in with GitHub; GitHub itself says who it proves. */
public sealed interface GithubProof {

    /** The web flow: the code GitHub sent to {@code redirectUri}, with the state this app issued for it. */
    record AuthorizationCode(String code, String state, String redirectUri) implements GithubProof {
    }

    /** A native client's token, which must have been issued to this app's GitHub OAuth app. */
    record AccessToken(String token) implements GithubProof {
    }

    /** Nothing GitHub could check: the reference's user fields alone. */
    record None() implements GithubProof {
    }
}
