package io.passportsuite.gateway.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches each service's part of a surface (its springdoc group, through discovery) and merges them.
 * A part that cannot be had fails the document: a document that silently lacks a service's
 * endpoints would read as if they did not exist.
 */
class SurfaceDocuments {

    /** The gateway's own paths ({@code GET /}), written by hand: it has no springdoc of its own. */
    static final String GATEWAY_PART = "apidocs/gateway.json";

    static final class PartMissing extends RuntimeException {

        PartMissing(String message) {
            super(message, null, false, false);
        }
    }

    private final ApiDocsProperties properties;
    private final SurfaceDocumentMerge merge;
    private final WebClient services;
    private final JsonMapper json;
    private final String version;
    private final JsonNode gatewayPart;

    SurfaceDocuments(ApiDocsProperties properties, SurfaceDocumentMerge merge, WebClient services, JsonMapper json, String version) {
        this.properties = properties;
        this.merge = merge;
        this.services = services;
        this.json = json;
        this.version = version;
        try (InputStream in = new ClassPathResource(GATEWAY_PART).getInputStream()) {
            this.gatewayPart = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + GATEWAY_PART, e);
        }
    }

    boolean knows(String surface) {
        return properties.surfaces().containsKey(surface);
    }

    Mono<byte[]> merged(String surface, String serverUrl) {
        ApiDocsProperties.SurfaceDocument document = properties.surfaces().get(surface);
        return Flux.fromIterable(document.services())
                .concatMap(service -> part(service, surface).map(part -> Map.entry(service, part)))
                .collectList()
                .map(parts -> {
                    Map<String, JsonNode> byService = new LinkedHashMap<>();
                    parts.forEach(part -> byService.put(part.getKey(), part.getValue()));
                    return json.writeValueAsBytes(merge.merge(document, version, serverUrl, byService,
                            document.gatewayPaths() ? gatewayPart : null));
                });
    }

    private Mono<JsonNode> part(String service, String surface) {
        Duration timeout = properties.fetchTimeout();
        return services.get().uri("http://{service}/v3/api-docs/{surface}", service, surface)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .timeout(timeout)
                .onErrorMap(failure -> !(failure instanceof PartMissing),
                        failure -> new PartMissing(service + "'s part of the " + surface + " document cannot be had right now"));
    }
}
