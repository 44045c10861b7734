package io.passportsuite.gateway.apidocs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API document of each surface: which services publish a part of it (their springdoc group of
 * the same name), and whether the gateway's own {@code GET /} belongs to it.
 *
 * @param fetchTimeout how long the gateway waits for one service's part
 */
@ConfigurationProperties("passport.gateway.api-docs")
record ApiDocsProperties(@DefaultValue("5s") Duration fetchTimeout, Map<String, SurfaceDocument> surfaces) {

    /**
     * @param securitySchemes the schemes the document defines; an operation names the one its route's access needs
     * @param gatewayPaths whether the gateway's own endpoints ({@code GET /}) are part of this surface
     */
    record SurfaceDocument(String title, String description, List<String> services, List<String> securitySchemes,
            @DefaultValue("false") boolean gatewayPaths) {
    }
}
