package io.passportsuite.gateway.status;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code GET /}: the fields the Pixel Game Server reference documents for its status
 * endpoint, plus each service's state as the gateway sees it and the list of those that are down.
 */
record SuiteStatus(
        String service,
        String version,
        String status,
        String timestamp,
        long uptime,
        String environment,
        @JsonProperty("storage_mode") String storageMode,
        Map<String, ServiceState> services,
        List<String> down) {

    static final String RUNNING = "running";
    static final String ERROR = "error";

    enum ServiceState { UP, DOWN }
}
