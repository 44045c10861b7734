package io.passportsuite.gateway.security;

import java.time.Instant;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.passportsuite.common.token.AccessTokenClaims;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.gateway.observability.UserIdRecorder;
import reactor.core.publisher.Mono;

/**
 * Answers {@code GET /api/auth/me} from {@link KeptAnswers} when passport gave the answer for the
 * same token within {@code answer-for} (500 ms by default); otherwise sends the request on to
 * passport as any other and keeps a 200 answer for the next time.
 *
 * <p>Why: a client asks who its user is on every screen, and the answer, the user's own profile,
 * changes rarely; the hop to passport was three quarters of the processor time of the suite's
 * most frequent authenticated read. Passport stays the source of truth: every answer is one it
 * gave for this very token moments ago, and the user's presence, which its answer to this
 * request updates, is still updated by the refreshes, every four fifths of that time while the
 * token is in use (presence is written at most every 30 s anyway). {@link ForgetChangedAnswers}
 * ends the answers when their user changes anything through this gateway.
 *
 * <p>Runs after {@link EdgeAuthenticationFilter}: the token was verified there as the platform
 * app's, of a session not revoked, and its claims left on the exchange. Anything unusual (a query,
 * a browser's request, an unusual {@code Accept}) goes to passport, which answers as it always has.
 */
final class LocalProfileAnswer implements WebFilter, Ordered {

    static final String PATH = "/api/auth/me";

    /** What a refresh sends of the request that found the answer: its token, and the identity this gateway gave it. */
    private static final List<String> REFRESH_HEADERS = List.of(HttpHeaders.AUTHORIZATION, SuiteHeaders.APP_ID, SuiteHeaders.USER_ID,
            SuiteHeaders.USER_ROLE, SuiteHeaders.SESSION_ID, SuiteHeaders.USER_CAPABILITIES, SuiteHeaders.CLIENT_IP,
            SuiteHeaders.REQUEST_ID, SuiteHeaders.INTERNAL_CREDENTIAL);

    /** Passport's profile endpoint, which this gateway asks itself to refresh an answer it keeps. */
    @FunctionalInterface
    interface Passport {
        Mono<AnswerKeeping.Asked> me(HttpHeaders headers);
    }

    private final AnswerKeeping answers;
    private final Passport passport;

    LocalProfileAnswer(AnswerKeeping answers, Passport passport) {
        this.answers = answers;
        this.passport = passport;
    }

    @Override
    public int getOrder() {
        return EdgeAuthenticationFilter.ORDER + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!answers.enabled() || request.getMethod() != HttpMethod.GET || !PATH.equals(request.getPath().value())) {
            return chain.filter(exchange);
        }
        AccessTokenClaims claims = exchange.getAttribute(EdgeAuthenticationFilter.VERIFIED_USER);
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (claims == null || authorization == null || request.getURI().getRawQuery() != null
                || !AnswerKeeping.acceptsPlainJson(request.getHeaders())) {
            answers.askingPassport();
            return chain.filter(exchange);
        }
        // The edge took exactly one "Bearer <token>" header to get the claims.
        String token = authorization.substring("Bearer ".length()).trim();
        var known = answers.answerFor(claims.appId(), token);
        if (known.isPresent()) {
            // For the access log: the request never reaches the filter that notes it on routed ones.
            UserIdRecorder.note(exchange, claims.userId().toString());
            return answers.give(exchange.getResponse(), claims.appId(), token, known.get(),
                    () -> passport.me(AnswerKeeping.headersOf(exchange, REFRESH_HEADERS)));
        }
        answers.askingPassport();
        return chain.filter(exchange.mutate()
                .response(answers.keeping(exchange.getResponse(), claims.appId(), token, claims, Instant.now())).build());
    }
}
