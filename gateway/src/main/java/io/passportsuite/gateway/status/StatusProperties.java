package io.passportsuite.gateway.status;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param serviceName the name {@code GET /} reports for the suite
 * @param services the services that must be up for the suite to report {@code running}
 * @param discoveryUrl the discovery server's Eureka URL; its own health is probed beside it
 * @param probeTimeout how long one service's readiness probe may take before it counts as down
 * @param cacheTtl how long a status is reused, so frequent polling does not fan out to every service
 */
@ConfigurationProperties("passport.status")
record StatusProperties(
        @DefaultValue("Passport Suite") String serviceName,
        List<String> services,
        @DefaultValue("http://127.0.0.1:8761/eureka/") String discoveryUrl,
        @DefaultValue("2s") Duration probeTimeout,
        @DefaultValue("2s") Duration cacheTtl) {

    StatusProperties {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** The discovery server's base URL: the Eureka URL without its {@code /eureka/} path. */
    String discoveryBaseUrl() {
        return discoveryUrl.replaceFirst("/eureka/?$", "");
    }
}
