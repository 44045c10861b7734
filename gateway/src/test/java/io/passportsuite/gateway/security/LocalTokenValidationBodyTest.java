package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.gateway.web.ServiceBoundHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The validation body the gateway reads itself: one that never arrives is answered, not waited for. */
class LocalTokenValidationBodyTest {

    private final Clock clock = Clock.systemUTC();
    private final KeptAnswers answers = new KeptAnswers(Duration.ofMillis(500), 1_000_000, true, new RevokedSessions(clock), clock);

    @Test
    void shouldAnswer408WhenTheBodyDoesNotArriveInTime() {
        // Neither the token check nor passport is reached without a body.
        LocalTokenValidation filter = new LocalTokenValidation(new AnswerKeeping(answers, 4096, new SimpleMeterRegistry(),
                "passport.gateway.token.validate", "POST " + LocalTokenValidation.PATH), null, null, Duration.ofMillis(200));
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(LocalTokenValidation.PATH)
                .contentType(MediaType.APPLICATION_JSON).contentLength(40).body(Flux.never()));
        ServiceBoundHeaders.of(exchange).set(SuiteHeaders.APP_ID, "app-a");

        filter.filter(exchange, routed -> Mono.error(new AssertionError("a body that never came was sent on")))
                .block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.REQUEST_TIMEOUT);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("REQUEST_TIMEOUT");
    }
}
