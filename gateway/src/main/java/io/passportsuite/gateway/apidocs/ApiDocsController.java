package io.passportsuite.gateway.apidocs;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.gateway.web.SurfaceErrors;
import reactor.core.publisher.Mono;

/** The merged API document of each surface, and Swagger UI over them at {@code /docs}. */
@RestController
class ApiDocsController {

    private final SurfaceDocuments documents;

    ApiDocsController(SurfaceDocuments documents) {
        this.documents = documents;
    }

    @GetMapping(path = "/v3/api-docs/{surface}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Void> document(@PathVariable String surface, ServerWebExchange exchange) {
        if (!documents.knows(surface)) {
            return SurfaceErrors.writePlain(exchange, HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "No such API document");
        }
        // Relative: the gateway the document came from. Never the request's Host header, which the
        // client writes: a cache in front keyed without it would hand everyone a document whose
        // "Try it out" sends their tokens to the host an attacker named.
        return documents.merged(surface, "/")
                .flatMap(json -> {
                    exchange.getResponse().setStatusCode(HttpStatus.OK);
                    exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
                    return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(json)));
                })
                .onErrorResume(SurfaceDocuments.PartMissing.class, missing -> SurfaceErrors.writePlain(exchange,
                        HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE, missing.getMessage()));
    }

    @GetMapping("/docs")
    ResponseEntity<Void> docs() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/docs/index.html")).build();
    }
}
