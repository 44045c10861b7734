package io.passportsuite.passport.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.UserLoggedIn;
import io.passportsuite.common.events.user.UserRegistered;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.passport.api.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The registration and login of a user reach Kafka through the outbox, keyed by user id. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class UserEventsOnKafkaTest {

    private static final JsonMapper json = new JsonMapper();

    @LocalServerPort
    private int port;

    @Test
    void shouldPublishRegisteredAndLoggedInEventsForTheUser() {
        Http http = new Http(port);
        Http.Response registered = http.post("/api/auth/register", """
                {"email":"events@example.com","password":"secure-password1","inviteCode":"CODE-7"}
                """);
        assertThat(registered.status()).isEqualTo(201);
        String userId = registered.json().get("user").get("id").asString();

        List<JsonNode> events = eventsOf(userId, 2);

        JsonNode registration = events.stream().filter(e -> e.get("type").asString().equals(UserRegistered.TYPE)).findFirst().orElseThrow();
        assertThat(registration.get("version").asInt()).isEqualTo(UserRegistered.VERSION);
        assertThat(registration.get("appId").asString()).isEqualTo("default");
        assertThat(registration.get("payload").get("inviteCode").asString()).isEqualTo("CODE-7");
        assertThat(registration.get("payload").get("email").asString()).isEqualTo("events@example.com");
        assertThat(UUID.fromString(registration.get("eventId").asString())).isNotNull();
        assertThat(events).anySatisfy(e -> assertThat(e.get("type").asString()).isEqualTo(UserLoggedIn.TYPE));
    }

    private static List<JsonNode> eventsOf(String userId, int expected) {
        List<JsonNode> found = TestKafka.readFromStart(Topics.USER_EVENTS, record -> userId.equals(record.key()), expected,
                Duration.ofSeconds(60)).stream().map(record -> json.readTree(record.value())).toList();
        assertThat(found).as("events of user " + userId).hasSizeGreaterThanOrEqualTo(expected);
        return found;
    }
}
