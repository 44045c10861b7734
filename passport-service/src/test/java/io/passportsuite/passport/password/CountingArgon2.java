package io.passportsuite.passport.password;

import java.util.ArrayList;
import java.util.List;

/** The real Argon2id, recording the cost of every hash computed. */
class CountingArgon2 implements Argon2Function {

    record Call(Argon2Cost cost, int saltLength, int hashLength) {
    }

    private final Argon2Function real = new BouncyCastleArgon2id(256);
    private final List<Call> calls = new ArrayList<>();

    @Override
    public synchronized byte[] derive(byte[] password, Argon2Cost cost, byte[] salt, int hashLength) {
        calls.add(new Call(cost, salt.length, hashLength));
        return real.derive(password, cost, salt, hashLength);
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }
}
