package io.passportsuite.notification;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.common.testing.TestPostgres;

/** In production the service refuses to start when it could only write messages, codes included, to the log. */
class ProductionChannelGuardTest {

    @Test
    void shouldRefuseToStartInProductionWithoutARealChannel() {
        TestPostgres.Database db = TestPostgres.freshDatabase("notification_production_guard");

        // Command-line arguments: they win over application.yml, as the environment does in a deployment.
        assertThatThrownBy(() -> new SpringApplicationBuilder(NotificationServiceApplication.class)
                .run("--passport.environment=production",
                        "--server.port=0",
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--eureka.client.enabled=false",
                        "--spring.cloud.discovery.enabled=false")
                .close())
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause()
                .hasMessageContaining("no delivery channel configured")
                .hasMessageContaining("refused in production");
    }
}
