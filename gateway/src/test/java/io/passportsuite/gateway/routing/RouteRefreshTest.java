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
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.DispatcherHandler;

import io.passportsuite.gateway.testing.FakeService;

/**
 * The routes are built once: a registry fetch (which the discovery client announces with a
 * heartbeat, every 2 s) changes none of them, so it rebuilds none of them. And they are looked up
 * first, before any other handler mapping (the gateway's few endpoints of its own, Boot's).
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

    @Autowired
    private DispatcherHandler dispatcher;

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

    @Test
    void shouldLookUpTheRoutesBeforeTheGatewaysOwnEndpoints() {
        assertThat(dispatcher.getHandlerMappings()).first().isInstanceOf(RoutePredicateHandlerMapping.class);
        // The gateway's own endpoint is still its own: no route takes its path.
        HttpResponse<String> status = FakeService.call(port, "GET", "/", null);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"service\":\"Passport Suite\"");
        assertThat(passport.received()).extracting(FakeService.Received::path).doesNotContain("/");
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
