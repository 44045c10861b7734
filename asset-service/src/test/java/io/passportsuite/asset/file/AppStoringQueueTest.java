package io.passportsuite.asset.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AppStoringQueueTest {

    private final AppStoringQueue queue = new AppStoringQueue(Duration.ofMillis(300));

    @Test
    void shouldLetAnotherAppStoreWhileOneAppsUploadHoldsItsTurn() throws Exception {
        try (ExecutorService other = Executors.newSingleThreadExecutor();
                AppStoringQueue.Turn held = queue.turnOf("app-a")) {
            assertThat(held).isNotNull();

            // A turn is the holding thread's: the waits below run elsewhere, as other requests do.
            CompletableFuture<Boolean> otherApp = CompletableFuture.supplyAsync(() -> takeAndGive("app-b"), other);
            assertThat(otherApp.get(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Boolean> sameApp = CompletableFuture.supplyAsync(() -> takeAndGive("app-a"), other);
            assertThat(sameApp.get(5, TimeUnit.SECONDS))
                    .as("a second upload of the same app waits its turn, and gives up after the wait")
                    .isFalse();
        }
    }

    @Test
    void shouldForgetAnAppOnceItsUploadsAreThrough() throws Exception {
        try (AppStoringQueue.Turn turn = queue.turnOf("app-a")) {
            assertThat(turn).isNotNull();
            assertThat(queue.apps()).isEqualTo(1);
        }
        assertThat(queue.apps()).isZero();

        try (ExecutorService other = Executors.newSingleThreadExecutor();
                AppStoringQueue.Turn held = queue.turnOf("app-a")) {
            CompletableFuture.supplyAsync(() -> takeAndGive("app-a"), other).get(5, TimeUnit.SECONDS);
            assertThat(queue.apps()).as("a wait given up leaves the queue to its holder").isEqualTo(1);
        }
        assertThat(queue.apps()).isZero();
    }

    private boolean takeAndGive(String appId) {
        try (AppStoringQueue.Turn turn = queue.turnOf(appId)) {
            return turn != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
