package io.passportsuite.passport.password;

/** The raw Argon2id computation; a seam so tests can see how many run at once. */
@FunctionalInterface
interface Argon2Function {

    byte[] derive(byte[] password, Argon2Cost cost, byte[] salt, int hashLength);
}
