package io.passportsuite.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.passportsuite.gateway.status.SuiteStatus.ServiceState;
import reactor.core.publisher.Flux;

class ServiceStateProbeTest {

    @Test
    void shouldCountAnUnregisteredServiceAsDown() {
        try (FakeInstance registry = new FakeInstance(); FakeInstance passport = new FakeInstance()) {
            ServiceStateProbe probe = probe(registry, Map.of("passport-service", List.of(passport.url())),
                    List.of("passport-service", "asset-service"), Duration.ofSeconds(2));

            assertThat(probe.states().block()).containsExactly(
                    Map.entry("discovery-server", ServiceState.UP),
                    Map.entry("passport-service", ServiceState.UP),
                    Map.entry("asset-service", ServiceState.DOWN));
        }
    }

    @Test
    void shouldCountAServiceUpWhileOneOfItsInstancesIsReady() {
        try (FakeInstance registry = new FakeInstance(); FakeInstance healthy = new FakeInstance();
                FakeInstance sick = new FakeInstance()) {
            sick.ready(false);
            ServiceStateProbe probe = probe(registry, Map.of("passport-service", List.of(sick.url(), healthy.url())),
                    List.of("passport-service"), Duration.ofSeconds(2));

            assertThat(probe.states().block()).containsEntry("passport-service", ServiceState.UP);
        }
    }

    @Test
    void shouldCountAnInstanceThatDoesNotAnswerAsDown() {
        try (FakeInstance registry = new FakeInstance()) {
            // Nothing listens on port 9 (discard) on a test machine: the connection is refused.
            ServiceStateProbe probe = probe(registry, Map.of("passport-service", List.of("http://127.0.0.1:9")),
                    List.of("passport-service"), Duration.ofMillis(500));

            assertThat(probe.states().block()).containsEntry("passport-service", ServiceState.DOWN);
        }
    }

    private static ServiceStateProbe probe(FakeInstance registry, Map<String, List<String>> instances,
            List<String> expected, Duration timeout) {
        StatusProperties properties = new StatusProperties("Passport Suite", expected, registry.url() + "/eureka/",
                timeout, Duration.ZERO);
        return new ServiceStateProbe(new FixedDiscovery(instances), WebClient.create(), properties);
    }

    private record FixedDiscovery(Map<String, List<String>> instances) implements ReactiveDiscoveryClient {

        @Override
        public String description() {
            return "fixed";
        }

        @Override
        public Flux<ServiceInstance> getInstances(String serviceId) {
            return Flux.fromIterable(instances.getOrDefault(serviceId, List.of()))
                    .map(url -> new DefaultServiceInstance(serviceId + "-" + url, serviceId, URI.create(url).getHost(),
                            URI.create(url).getPort(), false));
        }

        @Override
        public Flux<String> getServices() {
            return Flux.fromIterable(instances.keySet());
        }
    }
}
