package io.passportsuite.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import io.passportsuite.common.error.ErrorCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UpstreamFailureHandlerTest {

    @Test
    void shouldClassifyUpstreamFailuresAndLeaveEverythingElseAlone() {
        assertThat(UpstreamFailureHandler.classify(new RuntimeException(new ConnectException("refused"))))
                .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(UpstreamFailureHandler.classify(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "slow", new TimeoutException())))
                .isEqualTo(ErrorCode.GATEWAY_TIMEOUT);
        assertThat(UpstreamFailureHandler.classify(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE)))
                .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(UpstreamFailureHandler.classify(new ResponseStatusException(HttpStatus.NOT_FOUND))).isNull();
        assertThat(UpstreamFailureHandler.classify(new IllegalStateException("bug"))).isNull();
    }

    @Test
    void shouldPickTheSurfaceFormatByPath() {
        assertThat(answersInTheEnvelope("/auth/login")).isTrue();
        assertThat(answersInTheEnvelope("/admin/users")).isTrue();
        assertThat(answersInTheEnvelope("/auth/v1/login")).isFalse();
        assertThat(answersInTheEnvelope("/authx")).isFalse();
        assertThat(answersInTheEnvelope("/api/auth/login")).isFalse();
        assertThat(answersInTheEnvelope("/asset/v1/files")).isFalse();
    }

    private static boolean answersInTheEnvelope(String path) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
        new UpstreamFailureHandler().handle(exchange, new ConnectException("refused")).block();
        assertThat(exchange.getResponse().getStatusCode()).as(path).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        JsonNode body = new JsonMapper().readTree(exchange.getResponse().getBodyAsString().block());
        assertThat(body.has("success")).as(path).isNotEqualTo(body.has("error"));
        return body.has("success");
    }
}
