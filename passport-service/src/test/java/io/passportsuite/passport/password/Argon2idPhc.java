package io.passportsuite.passport.password;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Builds PHC strings straight from BouncyCastle, in the format Spring Security's
 * Argon2PasswordEncoder documents ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), without
 * any of the code under test.
 */
final class Argon2idPhc {

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private Argon2idPhc() {
    }

    static String of(String password, int version, int memoryKib, int iterations, int parallelism,
            byte[] salt, int hashLength) {
        byte[] hash = rawHash(password, version, memoryKib, iterations, parallelism, salt, hashLength);
        return "$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s".formatted(version, memoryKib, iterations, parallelism,
                BASE64.encodeToString(salt), BASE64.encodeToString(hash));
    }

    static byte[] rawHash(String password, int version, int memoryKib, int iterations, int parallelism,
            byte[] salt, int hashLength) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(version)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] hash = new byte[hashLength];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }
}
