package io.passportsuite.passport.password;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a request may wait for its turn to hash a password, and how many may wait at once.
 * Beyond either bound the request is answered {@code 503} with {@code Retry-After} at once: a
 * burst of logins gets a prompt answer to back off from, instead of a line (and connections,
 * memory, latency) that grows without limit while the hash slots are all busy.
 *
 * @param maxWaiting requests waiting for a turn at most; 0 = eight per hash that may run at once
 * @param maxWait the longest a request waits for its turn
 */
@ConfigurationProperties("passport.password.hashing")
public record HashingLimits(
        @DefaultValue("0") int maxWaiting,
        @DefaultValue("1s") Duration maxWait) {

    static final int MAX_WAITING = 10_000;
    static final int WAITING_PER_HASH = 8;
    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    public static final HashingLimits DEFAULTS = new HashingLimits(0, Duration.ofSeconds(1));

    public HashingLimits {
        if (maxWaiting < 0 || maxWaiting > MAX_WAITING) {
            throw new IllegalArgumentException("passport.password.hashing.max-waiting must be between 0 and " + MAX_WAITING
                    + " (0 = " + WAITING_PER_HASH + " per concurrent hash), was " + maxWaiting);
        }
        if (maxWait == null || maxWait.isNegative() || maxWait.compareTo(LONGEST_WAIT) > 0) {
            throw new IllegalArgumentException("passport.password.hashing.max-wait must be between 0 and "
                    + LONGEST_WAIT.toSeconds() + "s, was " + maxWait);
        }
    }

    int waiting(int concurrentHashes) {
        return maxWaiting == 0 ? Math.min(MAX_WAITING, concurrentHashes * WAITING_PER_HASH) : maxWaiting;
    }
}
