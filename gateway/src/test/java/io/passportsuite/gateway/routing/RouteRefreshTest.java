package io.passportsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.gateway.testing.FakeService;

/**
 * The routes are built once: a registry fetch (which the discovery client announces with a
 * heartbeat, every 2 s) changes none of them, so it rebuilds none of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.security.routes[0].path=/**",
        "passport.gateway.security.routes[0].access=public"})
class RouteRefreshTest {

    @RegisterExtension
    static final FakeService passport = new FakeService();

    @LocalServerPort
    private int port;

    @Autowired
    private ApplicationEventPublisher events;

    @Autowired
    private RefreshesSeen refreshes;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
    }

    @Test
    void shouldRouteWithoutRebuildingTheRoutesAtEachRegistryFetch() {
        assertThat(FakeService.call(port, "GET", "/api/auth/me", null).statusCode()).isEqualTo(200);
        refreshes.seen.clear();

        for (long fetch = 1; fetch <= 3; fetch++) {
            events.publishEvent(new HeartbeatEvent(this, fetch));
        }

        assertThat(refreshes.seen).isEmpty();
        HttpResponse<String> after = FakeService.call(port, "GET", "/api/auth/me", null);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(passport.received()).hasSize(2);
    }

    static final class RefreshesSeen implements ApplicationListener<RefreshRoutesEvent> {
        final List<RefreshRoutesEvent> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(RefreshRoutesEvent event) {
            seen.add(event);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listening {
        @Bean
        RefreshesSeen refreshesSeen() {
            return new RefreshesSeen();
        }
    }
}
