package io.passportsuite.passport.account;

/**
 * What a surface asks to register. Absent fields are null; a null username is generated.
 *
 * @param via the surface or method the account was created through, for the registration event
 */
public record NewAccount(
        String username,
        String password,
        String nickname,
        String email,
        String phone,
        String inviteCode,
        boolean emailVerified,
        String via) {
}
