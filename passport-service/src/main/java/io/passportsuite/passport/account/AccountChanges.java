package io.passportsuite.passport.account;

import io.passportsuite.passport.account.ProfileChanges.Change;

/**
 * What an operator changes in an account: its identifiers and role besides the profile a user
 * edits. Email, phone and avatar may be removed (set to null); username and nickname may not.
 */
public record AccountChanges(Change<String> username, Change<String> nickname, Change<String> email, Change<String> phone,
        Change<String> avatarUrl, Change<Integer> role) {

    ProfileChanges profile() {
        return new ProfileChanges(nickname, avatarUrl, Change.keep());
    }
}
