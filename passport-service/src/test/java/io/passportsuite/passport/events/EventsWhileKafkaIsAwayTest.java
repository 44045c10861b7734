package io.passportsuite.passport.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.UserLoggedIn;
import io.passportsuite.common.events.user.UserRegistered;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.passport.api.Http;

/**
 * Kafka is not there when the service starts: registrations, logins and code requests still
 * succeed, their events wait in the outbox, and all of them arrive once a broker answers. The
 * service's bootstrap address is a port where nothing listens until the test opens a forwarder
 * there to the test broker (clients then talk to the broker's own advertised address).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.outbox.send-timeout=2s")
@RealInfrastructure(kafka = false)
class EventsWhileKafkaIsAwayTest {

    private static final int KAFKA_PORT = BootstrapForwarder.freePort();
    private static BootstrapForwarder forwarder;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @DynamicPropertySource
    static void kafkaWhereNothingListensYet(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + KAFKA_PORT);
    }

    @AfterAll
    static void stopForwarder() throws IOException {
        if (forwarder != null) {
            forwarder.close();
        }
    }

    @Test
    void shouldServeUsersWhileKafkaIsAwayAndDeliverTheirEventsWhenItIsBack() throws Exception {
        Http http = new Http(port);
        Http.Response registered = http.post("/api/auth/register", """
                {"email":"away@example.com","password":"secure-password1"}
                """);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String userId = registered.json().get("user").get("id").asString();
        Http.Response login = http.post("/api/auth/login", """
                {"email":"away@example.com","password":"secure-password1"}
                """);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        Http.Response code = http.post("/auth/send-email-verification", "{\"email\":\"away-code@example.com\"}");
        assertThat(code.status()).as(code.toString()).isEqualTo(206);

        // The relay has been trying all along; nothing left the outbox.
        assertThat(unsent()).isGreaterThanOrEqualTo(3);

        forwarder = new BootstrapForwarder(KAFKA_PORT, TestKafka.bootstrapServers());

        List<ConsumerRecord<String, String>> userEvents = TestKafka.readFromStart(Topics.USER_EVENTS,
                record -> userId.equals(record.key()), 2, Duration.ofSeconds(90));
        assertThat(userEvents).extracting(record -> new String(record.headers().lastHeader("event-type").value()))
                .contains(UserRegistered.TYPE, UserLoggedIn.TYPE);
        List<ConsumerRecord<String, String>> requests = TestKafka.readFromStart(Topics.NOTIFICATION_REQUESTS, record -> "away-code@example.com".equals(record.key()), 1, Duration.ofSeconds(60));
        assertThat(requests).hasSize(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (unsent() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(unsent()).isZero();
    }

    private long unsent() {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE sent_at IS NULL").query(Long.class).single();
    }
}
