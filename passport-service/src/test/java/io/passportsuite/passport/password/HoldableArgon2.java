package io.passportsuite.passport.password;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for Argon2 (a plain digest, so that verification works) that a test can hold mid-hash. */
public final class HoldableArgon2 implements Argon2Function {

    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger entered = new AtomicInteger();

    @Override
    public byte[] derive(byte[] password, Argon2Cost cost, byte[] salt, int hashLength) {
        entered.incrementAndGet();
        try {
            gate.await();
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            digest.update(salt);
            return Arrays.copyOf(digest.digest(password), hashLength);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many hashes have started so far. */
    public int entered() {
        return entered.get();
    }

    /** Hashes started from now on wait until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    /** A hasher with {@code slots} hashing slots that hashes with this, for tests of other packages. */
    public PasswordHasher hasher(int slots) {
        return new PasswordHasher(new Argon2Settings(19456, 2, 1, 16, 32, 1), new HashingLimits(8, Duration.ofSeconds(60)), this,
                slots, 1L << 30);
    }
}
