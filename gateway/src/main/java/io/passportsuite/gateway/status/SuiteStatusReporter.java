package io.passportsuite.gateway.status;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.passportsuite.gateway.status.SuiteStatus.ServiceState;
import reactor.core.publisher.Mono;

/** Assembles {@link SuiteStatus}: {@code running} only when every expected service is up. */
class SuiteStatusReporter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StatusProperties properties;
    private final String version;
    private final String environment;
    private final Clock clock;
    private final Mono<Map<String, ServiceState>> states;

    SuiteStatusReporter(ServiceStateProbe probe, StatusProperties properties, String version, String environment, Clock clock) {
        this.properties = properties;
        this.version = version;
        this.environment = environment;
        this.clock = clock;
        Duration ttl = properties.cacheTtl();
        this.states = ttl.isZero() ? probe.states() : probe.states().cache(ttl);
    }

    Mono<SuiteStatus> report() {
        return states.map(this::toStatus);
    }

    private SuiteStatus toStatus(Map<String, ServiceState> services) {
        List<String> down = services.entrySet().stream()
                .filter(entry -> entry.getValue() != ServiceState.UP)
                .map(Map.Entry::getKey)
                .toList();
        return new SuiteStatus(
                properties.serviceName(),
                version,
                down.isEmpty() ? SuiteStatus.RUNNING : SuiteStatus.ERROR,
                TIMESTAMP.format(clock.instant()),
                Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()).toSeconds(),
                environment,
                "database",
                services,
                down);
    }
}
