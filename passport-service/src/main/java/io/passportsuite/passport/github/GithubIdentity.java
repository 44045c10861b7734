package io.passportsuite.passport.github;

/**
 * Who GitHub says the holder of a proof is. {@code verifiedEmail}: the account's primary email
 * when GitHub has verified it, else null; an unverified address is never taken as the user's.
 */
public record GithubIdentity(long id, String login, String name, String avatarUrl, String verifiedEmail) {

    /** The stable key of a linked GitHub account: its numeric id, never the login its owner may rename. */
    public String subject() {
        return Long.toString(id);
    }
}
