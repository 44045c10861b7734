package io.passportsuite.passport.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import io.passportsuite.common.testing.RealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passport.tokens.issuer=https://id.example.test",
        "passport.tokens.public-base-url=https://api.example.test/"})
@RealInfrastructure
class WellKnownEndpointsTest {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper json = new JsonMapper();

    @LocalServerPort
    private int port;

    @Autowired
    private AccessTokens tokens;

    @Test
    void shouldPublishThePublicSigningKeysForFiveMinutesOfCaching() throws Exception {
        HttpResponse<String> response = get("/.well-known/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode keys = json.readTree(response.body()).get("keys");
        assertThat(keys.size()).isEqualTo(1);
        JsonNode key = keys.get(0);
        assertThat(key.propertyNames()).containsExactlyInAnyOrder("kty", "n", "e", "kid", "alg", "use");
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("alg").asString()).isEqualTo("RS256");
        assertThat(key.get("use").asString()).isEqualTo("sig");
        assertThat(JWKSet.parse(response.body()).getKeys().getFirst().toRSAKey().size()).isEqualTo(2048);
    }

    @Test
    void shouldLetAnyVerifierCheckATokenWithThePublishedKey() throws Exception {
        IssuedAccessToken issued = tokens.issue(new AccessTokenRequest("default", UUID.randomUUID(), 1, UUID.randomUUID(),
                Duration.ofMinutes(10)));
        SignedJWT jwt = SignedJWT.parse(issued.token());

        JWKSet published = JWKSet.parse(get("/.well-known/jwks.json").body());
        RSAKey key = published.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();

        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://id.example.test");
    }

    @Test
    void shouldDescribeTheIssuerAndWhereItsKeysAre() throws Exception {
        HttpResponse<String> response = get("/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = json.readTree(response.body());
        assertThat(document.get("issuer").asString()).isEqualTo("https://id.example.test");
        assertThat(document.get("jwks_uri").asString()).isEqualTo("https://api.example.test/.well-known/jwks.json");
        assertThat(strings(document, "id_token_signing_alg_values_supported")).containsExactly("RS256");
        assertThat(strings(document, "response_types_supported")).containsExactly("token");
        assertThat(strings(document, "subject_types_supported")).containsExactly("public");
        assertThat(strings(document, "token_endpoint_auth_methods_supported")).isNotEmpty();
        assertThat(strings(document, "claims_supported")).contains("sub", "aud", "app_id", "role", "sid", "jti", "exp");
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.List<String> strings(JsonNode document, String field) {
        return document.get(field).valueStream().map(JsonNode::asString).toList();
    }
}
