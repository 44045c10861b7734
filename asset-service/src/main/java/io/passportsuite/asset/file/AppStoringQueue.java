package io.passportsuite.asset.file;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lines up this instance's uploads of one app before they ask for a database connection. Storing
 * takes the app's advisory lock (quota and shared objects), and a request waiting for that lock
 * holds a pooled connection all the while: fifty uploads to one app at once would hold the whole
 * pool waiting, and every other request would find none. Queued here, at most one upload per app
 * (per stripe) and instance waits in the database; the others wait without a connection, in turn.
 */
final class AppStoringQueue {

    /** Apps share a stripe by hash: two apps on one stripe only take turns, they never block for good. */
    private static final int STRIPES = 64;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Duration maxWait;

    AppStoringQueue(Duration maxWait) {
        this.maxWait = maxWait;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** The app's turn, or null when it did not come within the wait; the caller unlocks it. */
    ReentrantLock turnOf(String appId) throws InterruptedException {
        ReentrantLock stripe = stripes[Math.floorMod(appId.hashCode(), STRIPES)];
        return stripe.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS) ? stripe : null;
    }
}
