package io.passportsuite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayApplicationTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(GatewayApplication.EVENT_LOOPS_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(GatewayApplication.EVENT_LOOPS_PROPERTY);
        } else {
            System.setProperty(GatewayApplication.EVENT_LOOPS_PROPERTY, before);
        }
    }

    @Test
    void shouldRunOneEventLoopPerCoreUnlessTheOperatorChose() {
        System.clearProperty(GatewayApplication.EVENT_LOOPS_PROPERTY);
        GatewayApplication.useOneEventLoopPerCore();
        assertThat(System.getProperty(GatewayApplication.EVENT_LOOPS_PROPERTY))
                .isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));

        System.setProperty(GatewayApplication.EVENT_LOOPS_PROPERTY, "3");
        GatewayApplication.useOneEventLoopPerCore();
        assertThat(System.getProperty(GatewayApplication.EVENT_LOOPS_PROPERTY)).isEqualTo("3");
    }
}
