package io.passportsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InMemoryRateLimitGatewayTest extends RateLimitGatewayTest {

    @Autowired
    RateLimitStore store;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(registry);
    }

    @Test
    void shouldKeepCountersInMemoryByDefault() {
        assertThat(store).isInstanceOf(InMemoryRateLimitStore.class);
    }
}
