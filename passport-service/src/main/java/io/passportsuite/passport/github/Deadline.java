package io.passportsuite.passport.github;

import java.time.Duration;

/** The moment by which every GitHub call of one login must have answered, on the monotonic clock. */
record Deadline(long nanoTime) {

    static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    /** What is left of it, zero once passed. */
    Duration left() {
        return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
    }
}
