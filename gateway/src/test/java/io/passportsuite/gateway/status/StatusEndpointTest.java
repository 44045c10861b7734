package io.passportsuite.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.common.testing.ServiceProbe;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.status.cache-ttl=0s",
        "passport.status.services=passport-service,membership-service",
        "passport.environment=test",
        "passport.gateway.security.revocation.enabled=false"})
class StatusEndpointTest {

    private static final FakeInstance discoveryServer = new FakeInstance();
    private static final FakeInstance passport = new FakeInstance();
    private static final FakeInstance membership = new FakeInstance();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("passport.status.discovery-url", () -> discoveryServer.url() + "/eureka/");
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
        registry.add("spring.cloud.discovery.client.simple.instances.membership-service[0].uri", membership::url);
    }

    @AfterEach
    void allReady() {
        discoveryServer.ready(true);
        passport.ready(true);
        membership.ready(true);
    }

    @AfterAll
    static void stop() {
        discoveryServer.close();
        passport.close();
        membership.close();
    }

    @Test
    void shouldReportRunningWithTheDocumentedFieldsWhenEveryServiceIsUp() {
        ServiceProbe.Response response = ServiceProbe.onPort(port).get("/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("service").asString()).isEqualTo("Passport Suite");
        assertThat(body.get("version").isString()).isTrue();
        assertThat(body.get("status").asString()).isEqualTo("running");
        assertThat(body.get("timestamp").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.parse(body.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(body.get("uptime").isNumber()).isTrue();
        assertThat(body.get("environment").asString()).isEqualTo("test");
        assertThat(body.get("storage_mode").asString()).isEqualTo("database");
        assertThat(body.get("services").get("discovery-server").asString()).isEqualTo("UP");
        assertThat(body.get("services").get("passport-service").asString()).isEqualTo("UP");
        assertThat(body.get("services").get("membership-service").asString()).isEqualTo("UP");
        assertThat(body.get("down").isEmpty()).isTrue();
    }

    @Test
    void shouldReportErrorAndNameTheServiceThatIsNotReady() {
        membership.ready(false);

        JsonNode body = ServiceProbe.onPort(port).get("/").json();

        assertThat(body.get("status").asString()).isEqualTo("error");
        assertThat(body.get("services").get("membership-service").asString()).isEqualTo("DOWN");
        assertThat(body.get("services").get("passport-service").asString()).isEqualTo("UP");
        assertThat(body.get("down").values()).extracting(JsonNode::asString).containsExactly("membership-service");
    }

    @Test
    void shouldReportErrorWhenTheDiscoveryServerIsDown() {
        discoveryServer.ready(false);

        JsonNode body = ServiceProbe.onPort(port).get("/").json();

        assertThat(body.get("status").asString()).isEqualTo("error");
        assertThat(body.get("down").values()).extracting(JsonNode::asString).containsExactly("discovery-server");
    }
}
