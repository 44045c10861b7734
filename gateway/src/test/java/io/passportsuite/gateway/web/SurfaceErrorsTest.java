package io.passportsuite.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SurfaceErrorsTest {

    private final JsonMapper json = new JsonMapper();

    @Test
    void shouldAnswerTheEnvelopeOnTheEnvelopeSurface() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/admin/users"));

        SurfaceErrors.write(exchange, HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, "admins only").block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        JsonNode body = json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo("FORBIDDEN");
        assertThat(body.get("message").asString()).isEqualTo("admins only");
        assertThat(body.has("error")).isFalse();
    }

    @Test
    void shouldAnswerPlainJsonOnTheCanonicalAndChatSurfaces() {
        for (String path : new String[] {"/auth/v1/login", "/api/auth/me", "/asset/v1/files", "/internal/apps"}) {
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));

            SurfaceErrors.write(exchange, HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_TOKEN, "bad token").block();

            JsonNode body = json.readTree(exchange.getResponse().getBodyAsString().block());
            assertThat(body.get("error").asString()).as(path).isEqualTo("INVALID_TOKEN");
            assertThat(body.get("message").asString()).as(path).isEqualTo("bad token");
            assertThat(body.has("success")).as(path).isFalse();
        }
    }

    @Test
    void shouldCarryDetailsNextToTheCodeInPlainJsonAndAsDataInTheEnvelope() {
        MockServerWebExchange chat = MockServerWebExchange.from(MockServerHttpRequest.post("/api/membership/invites"));
        MockServerWebExchange envelope = MockServerWebExchange.from(MockServerHttpRequest.post("/admin/servers"));

        SurfaceErrors.write(chat, ErrorCode.CAPABILITY_REQUIRED, "invite:create is required",
                Map.of("capability", "invite:create", "error", "OVERWRITTEN")).block();
        SurfaceErrors.write(envelope, ErrorCode.CAPABILITY_REQUIRED, "server:create is required",
                Map.of("capability", "server:create")).block();

        assertThat(chat.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode plain = json.readTree(chat.getResponse().getBodyAsString().block());
        assertThat(plain.get("error").asString()).isEqualTo("CAPABILITY_REQUIRED");
        assertThat(plain.get("message").asString()).isEqualTo("invite:create is required");
        assertThat(plain.get("capability").asString()).isEqualTo("invite:create");
        assertThat(envelope.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode wrapped = json.readTree(envelope.getResponse().getBodyAsString().block());
        assertThat(wrapped.get("success").asBoolean()).isFalse();
        assertThat(wrapped.get("error_code").asString()).isEqualTo("CAPABILITY_REQUIRED");
        assertThat(wrapped.get("data").get("capability").asString()).isEqualTo("server:create");
        assertThat(chat.<ErrorCode>getAttribute(SurfaceErrors.ERROR_CODE_ATTRIBUTE)).isEqualTo(ErrorCode.CAPABILITY_REQUIRED);
    }

    @Test
    void shouldTellTheSurfacesApartByPathSegmentNotPrefix() {
        assertThat(answersInTheEnvelope("/auth/login")).isTrue();
        assertThat(answersInTheEnvelope("/auth/v1/login")).isFalse();
        assertThat(answersInTheEnvelope("/authx/login")).isFalse();
        assertThat(answersInTheEnvelope("/auth/v10/x")).isTrue();
        assertThat(answersInTheEnvelope("/administrator")).isFalse();
    }

    private boolean answersInTheEnvelope(String path) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
        SurfaceErrors.write(exchange, ErrorCode.RATE_LIMITED, "slow down").block();
        JsonNode body = json.readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.has("success")).as(path).isNotEqualTo(body.has("error"));
        return body.has("success");
    }
}
