package io.passportsuite.gateway.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.passportsuite.gateway.status.SuiteStatus.ServiceState;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells which services are up: a service is UP when discovery knows at least one instance of it
 * and one of those instances answers its readiness probe in time. Registration alone is not
 * enough, since a registry keeps a crashed instance listed until its lease runs out.
 */
class ServiceStateProbe {

    static final String DISCOVERY_SERVER = "discovery-server";
    private static final String READINESS = "/actuator/health/readiness";

    private final ReactiveDiscoveryClient discovery;
    private final WebClient http;
    private final StatusProperties properties;

    ServiceStateProbe(ReactiveDiscoveryClient discovery, WebClient http, StatusProperties properties) {
        this.discovery = discovery;
        this.http = http;
        this.properties = properties;
    }

    /** Each expected service's state, the discovery server first, in configuration order. */
    Mono<Map<String, ServiceState>> states() {
        Mono<Map.Entry<String, ServiceState>> registry = ready(properties.discoveryBaseUrl())
                .map(state -> Map.entry(DISCOVERY_SERVER, state));
        Flux<Map.Entry<String, ServiceState>> services = Flux.fromIterable(properties.services())
                .flatMapSequential(name -> serviceState(name).map(state -> Map.entry(name, state)));
        return Flux.concat(registry, services)
                .collect(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue()));
    }

    private Mono<ServiceState> serviceState(String serviceId) {
        return discovery.getInstances(serviceId)
                .collectList()
                .onErrorReturn(List.of())
                .flatMap(this::anyReady);
    }

    private Mono<ServiceState> anyReady(List<ServiceInstance> instances) {
        return Flux.fromIterable(instances)
                .flatMap(instance -> ready(instance.getUri().toString()))
                .any(state -> state == ServiceState.UP)
                .map(up -> up ? ServiceState.UP : ServiceState.DOWN);
    }

    private Mono<ServiceState> ready(String baseUrl) {
        return http.get().uri(baseUrl + READINESS)
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(response.statusCode().is2xxSuccessful() ? ServiceState.UP : ServiceState.DOWN))
                .timeout(properties.probeTimeout())
                .onErrorReturn(ServiceState.DOWN);
    }
}
