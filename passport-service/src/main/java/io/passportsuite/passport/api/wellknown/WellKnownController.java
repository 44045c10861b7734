package io.passportsuite.passport.api.wellknown;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.passport.token.PublishedKeys;

/** What a verifier of access tokens needs: the public keys and where to find them. Served from memory. */
@RestController
class WellKnownController {

    static final String JWKS_PATH = "/.well-known/jwks.json";
    /** Five minutes: far shorter than publish-ahead, so a cached JWKS always knows the next key before it signs. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final PublishedKeys keys;

    WellKnownController(PublishedKeys keys) {
        this.keys = keys;
    }

    record JwkSet(List<Map<String, Object>> keys) {
    }

    record DiscoveryDocument(
            String issuer,
            @JsonProperty("jwks_uri") String jwksUri,
            @JsonProperty("id_token_signing_alg_values_supported") List<String> signingAlgorithms,
            @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethods,
            @JsonProperty("response_types_supported") List<String> responseTypes,
            @JsonProperty("subject_types_supported") List<String> subjectTypes,
            @JsonProperty("claims_supported") List<String> claims) {
    }

    @GetMapping(JWKS_PATH)
    ResponseEntity<JwkSet> jwks() {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).body(new JwkSet(keys.jwks()));
    }

    @GetMapping("/.well-known/openid-configuration")
    ResponseEntity<DiscoveryDocument> discovery() {
        DiscoveryDocument document = new DiscoveryDocument(
                keys.issuer(),
                keys.publicBaseUrl() + JWKS_PATH,
                List.of("RS256"),
                // End users' clients are public clients; app backends authenticate with an API key header.
                List.of("none"),
                List.of("token"),
                List.of("public"),
                List.of("iss", "sub", "aud", "app_id", "role", "sid", "jti", "iat", "exp", "nbf"));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).body(document);
    }
}
