package io.passportsuite.passport.password;

/**
 * The parameters that decide what an Argon2id hash costs and what it computes.
 *
 * @param version the Argon2 version, 19 (0x13) for every hash made today, 16 (0x10) for old ones
 */
record Argon2Cost(int version, int memoryKib, int iterations, int parallelism) {

    static final int VERSION_10 = 0x10;
    static final int VERSION_13 = 0x13;
}
