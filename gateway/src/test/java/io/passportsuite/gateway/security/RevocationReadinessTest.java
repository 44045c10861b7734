package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.gateway.testing.TcpForwarder;

/** A gateway started while its broker cannot be reached. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.security.revocation.enabled=true",
        "passport.gateway.security.revocation.topic=revocations-readiness-test"})
class RevocationReadinessTest {

    private static final TcpForwarder broker = forwarder();

    @LocalManagementPort
    private int managementPort;

    private static TcpForwarder forwarder() {
        try {
            return new TcpForwarder(TestKafka.bootstrapServers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::address);
    }

    @AfterAll
    static void stop() throws IOException {
        broker.close();
    }

    @Test
    void shouldTurnReadyWhenTheBrokerComesUpAfterTheGateway() throws Exception {
        ServiceProbe management = ServiceProbe.onPort(managementPort);
        assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
        ServiceProbe.Response notYet = management.get("/actuator/health/readiness");
        assertThat(notYet.status()).as(notYet.body()).isEqualTo(503);

        broker.open();

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ServiceProbe.Response readiness = management.get("/actuator/health/readiness");
        while (readiness.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            readiness = management.get("/actuator/health/readiness");
        }
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
    }
}
