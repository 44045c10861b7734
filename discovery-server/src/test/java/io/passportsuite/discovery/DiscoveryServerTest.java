package io.passportsuite.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.passportsuite.common.testing.ServiceProbe;

// No broker here: shipping log lines to Kafka is common-lib's to test.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "passport.logs.shipping.enabled=false")
class DiscoveryServerTest {

    @LocalServerPort
    private int port;

    @Test
    void shouldServeTheRegistryAndItsProbes() {
        ServiceProbe probe = ServiceProbe.onPort(port);

        ServiceProbe.Response apps = probe.get("/eureka/apps");
        assertThat(apps.status()).isEqualTo(200);
        assertThat(apps.body()).contains("applications");

        assertThat(probe.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(probe.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(probe.get("/actuator/prometheus").body()).contains("application=\"discovery-server\"");
    }
}
