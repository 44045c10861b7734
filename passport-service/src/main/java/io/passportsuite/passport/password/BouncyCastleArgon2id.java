package io.passportsuite.passport.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/** Argon2id as BouncyCastle computes it, all lanes on the calling thread. */
final class BouncyCastleArgon2id implements Argon2Function {

    @Override
    public byte[] derive(byte[] password, Argon2Cost cost, byte[] salt, int hashLength) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(cost.version())
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] hash = new byte[hashLength];
        generator.generateBytes(password, hash);
        return hash;
    }
}
