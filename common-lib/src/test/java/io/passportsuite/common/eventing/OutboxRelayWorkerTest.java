package io.passportsuite.common.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.RepeatedTest;

class OutboxRelayWorkerTest {

    private static final OutboxProperties properties =
            new OutboxProperties(true, Duration.ofMillis(10), 50, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(1), 3);

    @RepeatedTest(20)
    void shouldRelayFromTheMomentItStartsUntilItStops() throws InterruptedException {
        CountDownLatch rounds = new CountDownLatch(3);
        OutboxRelay relay = new OutboxRelay(null, null, null, properties, null) {
            @Override
            public int relayBatch() {
                rounds.countDown();
                return 0;
            }
        };
        OutboxRelayWorker worker = new OutboxRelayWorker(relay, properties);

        worker.start();
        boolean relayed = rounds.await(5, TimeUnit.SECONDS);
        worker.stop();

        assertThat(relayed).isTrue();
        assertThat(worker.isRunning()).isFalse();
    }
}
