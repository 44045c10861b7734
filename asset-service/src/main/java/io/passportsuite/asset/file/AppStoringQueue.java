package io.passportsuite.asset.file;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lines up this instance's uploads of one app before they ask for a database connection. Storing
 * takes the app's advisory lock (quota and shared objects), and a request waiting for that lock
 * holds a pooled connection all the while: fifty uploads to one app at once would hold the whole
 * pool waiting, and every other request would find none. Queued here, at most one upload per app
 * and instance waits in the database; the others wait without a connection, in turn. Each app has
 * a queue of its own, so one app's flood of uploads never holds up another app's.
 */
final class AppStoringQueue {

    private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();
    private final Duration maxWait;

    AppStoringQueue(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** The app's turn, or null when it did not come within the wait; the caller closes it. */
    Turn turnOf(String appId) throws InterruptedException {
        // Counted in and out under the map's lock for the key, so an app's queue is dropped only
        // when nobody holds it or waits in it, and never while someone is about to.
        Queue queue = queues.compute(appId, (id, existing) -> {
            Queue q = existing == null ? new Queue() : existing;
            q.users++;
            return q;
        });
        boolean taken = false;
        try {
            taken = queue.lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            if (!taken) {
                leave(appId);
            }
        }
        return taken ? new Turn(appId, queue) : null;
    }

    private void leave(String appId) {
        queues.computeIfPresent(appId, (id, q) -> --q.users == 0 ? null : q);
    }

    /** Apps whose queue is held or waited in: none once every upload is through. */
    int apps() {
        return queues.size();
    }

    private static final class Queue {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }

    final class Turn implements AutoCloseable {
        private final String appId;
        private final Queue queue;

        private Turn(String appId, Queue queue) {
            this.appId = appId;
            this.queue = queue;
        }

        @Override
        public void close() {
            queue.lock.unlock();
            leave(appId);
        }
    }
}
