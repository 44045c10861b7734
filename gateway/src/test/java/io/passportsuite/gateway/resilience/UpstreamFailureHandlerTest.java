package io.passportsuite.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.passportsuite.gateway.web.SurfaceErrors;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import io.passportsuite.common.error.ErrorCode;

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
        assertThat(SurfaceErrors.isEnvelopeSurface("/auth/login")).isTrue();
        assertThat(SurfaceErrors.isEnvelopeSurface("/admin/users")).isTrue();
        assertThat(SurfaceErrors.isEnvelopeSurface("/auth/v1/login")).isFalse();
        assertThat(SurfaceErrors.isEnvelopeSurface("/authx")).isFalse();
        assertThat(SurfaceErrors.isEnvelopeSurface("/api/auth/login")).isFalse();
        assertThat(SurfaceErrors.isEnvelopeSurface("/asset/v1/files")).isFalse();
    }
}
