package io.passportsuite.passport.account;

/**
 * What a surface asks to register. Absent fields are null; a null username is generated.
 *
 * @param emailVerified whether a code sent to {@code email} was given with the registration
 * @param phoneVerified whether a code sent to {@code phone} was given with the registration
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
        boolean phoneVerified,
        String via) {
}
