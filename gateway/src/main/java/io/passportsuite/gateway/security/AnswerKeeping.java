package io.passportsuite.gateway.security;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.common.token.AccessTokenClaims;
import io.passportsuite.gateway.web.ServiceBoundHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How a filter that answers one of passport's endpoints itself uses {@link KeptAnswers}: gives a
 * kept answer as passport's routed answer would have come, keeps passport's 200 answer while it is
 * written to the client, and asks passport again in the background for an answer in the last fifth
 * of its time. One per endpoint, each with its own answers and metrics
 * ({@code <metric>.answers} by source, {@code <metric>.refreshes} by outcome).
 */
final class AnswerKeeping {

    static final String JSON_TYPE = MediaType.APPLICATION_JSON_VALUE;
    /** What the CORS handling of a routed answer adds, browser or not. */
    private static final List<String> CORS_VARY =
            List.of(HttpHeaders.ORIGIN, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
    /** Longer than any answer is kept (at most 1 s): a refresh that takes longer changes nothing. */
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(2);

    /** Passport's answer to a refresh. */
    record Asked(int status, String contentType, byte[] body) {
    }

    /** How a refresh ended, for the answer kept and the metric. */
    private enum Refresh {
        KEPT, REFUSED, FAILED
    }

    private final KeptAnswers answers;
    private final int maxAnswer;
    private final Counter answeredHere;
    private final Counter askedPassport;
    private final Map<Refresh, Counter> refreshes = new EnumMap<>(Refresh.class);

    /**
     * @param maxAnswer the largest answer kept: passport's answers of this endpoint are smaller, and
     *        one of another size is passed on, not kept
     * @param metric the metrics' name, e.g. {@code passport.gateway.token.validate}
     * @param endpoint the endpoint, for the metrics' descriptions
     */
    AnswerKeeping(KeptAnswers answers, int maxAnswer, MeterRegistry meters, String metric, String endpoint) {
        this.answers = answers;
        this.maxAnswer = maxAnswer;
        this.answeredHere = answerCounter(meters, metric, endpoint, "gateway");
        this.askedPassport = answerCounter(meters, metric, endpoint, "passport");
        for (Refresh outcome : Refresh.values()) {
            refreshes.put(outcome, Counter.builder(metric + ".refreshes")
                    .description("Answers to " + endpoint + " the gateway keeps, asked again of passport in the background: kept "
                            + "(passport answered 200 again), refused (dropped at once) or failed (no answer: the kept one ends at its time)")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(meters));
        }
    }

    private static Counter answerCounter(MeterRegistry meters, String metric, String endpoint, String source) {
        return Counter.builder(metric + ".answers")
                .description("Answers to " + endpoint + ", by who gave them: the gateway from passport's recent answer, or passport")
                .tag("source", source)
                .register(meters);
    }

    boolean enabled() {
        return answers.enabled();
    }

    Optional<KeptAnswers.Answer> answerFor(String appId, String token) {
        return answers.answerFor(appId, token);
    }

    /** A request this filter sends on to passport. */
    void askingPassport() {
        askedPassport.increment();
    }

    /**
     * Gives the kept answer; when it is in the last fifth of its time, passport is asked again
     * ({@code askAgain}: the request that found it, as this gateway sent it the first time)
     * without the client waiting, and the answer kept is replaced, dropped or left to end.
     */
    Mono<Void> give(ServerHttpResponse response, String appId, String token, KeptAnswers.Answer known, Supplier<Mono<Asked>> askAgain) {
        answeredHere.increment();
        if (answers.claimRefresh(appId, token, known)) {
            Instant askedAt = Instant.now();
            askAgain.get()
                    .timeout(REFRESH_TIMEOUT)
                    .map(asked -> refreshed(asked, appId, token, known, askedAt))
                    .onErrorResume(failure -> Mono.fromSupplier(() -> notRefreshed(appId, token)))
                    .switchIfEmpty(Mono.fromSupplier(() -> notRefreshed(appId, token)))
                    .subscribe(outcome -> refreshes.get(outcome).increment());
        }
        return write(response, known);
    }

    private Refresh refreshed(Asked asked, String appId, String token, KeptAnswers.Answer previous, Instant askedAt) {
        if (asked.status() == HttpStatus.OK.value() && JSON_TYPE.equals(asked.contentType()) && asked.body().length > 0
                && asked.body().length <= maxAnswer) {
            answers.refreshed(appId, token, previous, asked.body(), askedAt);
            return Refresh.KEPT;
        }
        // Passport busy or away says nothing about the token; anything else ends the answer kept, so
        // that the next request gets passport's own answer.
        if (asked.status() == HttpStatus.TOO_MANY_REQUESTS.value() || asked.status() >= 500) {
            return notRefreshed(appId, token);
        }
        answers.refused(appId, token);
        return Refresh.REFUSED;
    }

    /** No answer from passport: the kept one ends at its time, and the next request may try again. */
    private Refresh notRefreshed(String appId, String token) {
        answers.notRefreshed(appId, token);
        return Refresh.FAILED;
    }

    /**
     * Whether a request's answer may be one kept: it accepts plain JSON and is not a browser's (a
     * browser sends {@code Origin} and needs the CORS handling of the routed path); another
     * {@code Accept} needs an answer of its own.
     */
    static boolean acceptsPlainJson(HttpHeaders request) {
        List<String> accept = request.get(HttpHeaders.ACCEPT);
        return (accept == null || accept.stream().allMatch(value -> value.equals("*/*") || value.equals(JSON_TYPE)))
                && !request.containsHeader(HttpHeaders.ORIGIN);
    }

    /**
     * The headers named, as the request that found an answer would carry them to passport: the
     * gateway's own (identity, address, request id, credential) from {@link ServiceBoundHeaders},
     * the others from the client's request. What a refresh sends again.
     */
    static HttpHeaders headersOf(ServerWebExchange exchange, List<String> names) {
        HttpHeaders request = exchange.getRequest().getHeaders();
        HttpHeaders headers = new HttpHeaders();
        for (String name : names) {
            if (ServiceBoundHeaders.REPLACED.contains(name)) {
                String value = ServiceBoundHeaders.get(exchange, name);
                if (value != null) {
                    headers.set(name, value);
                }
                continue;
            }
            List<String> values = request.get(name);
            if (values != null) {
                headers.addAll(name, values);
            }
        }
        return headers;
    }

    /** As passport's answer routed here carries it: its body and type, the date, CORS's Vary. */
    private static Mono<Void> write(ServerHttpResponse response, KeptAnswers.Answer answer) {
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, JSON_TYPE);
        headers.setContentLength(answer.body().length);
        headers.set(HttpHeaders.DATE, HttpDate.now());
        headers.addAll(HttpHeaders.VARY, CORS_VARY);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    /** The response, keeping passport's 200 answer to a request sent at {@code askedAt} while writing it. */
    ServerHttpResponse keeping(ServerHttpResponse response, String appId, String token, AccessTokenClaims claims, Instant askedAt) {
        return new KeepingAnswer(response, appId, token, claims, askedAt);
    }

    /** Keeps passport's 200 answer while writing it to the client. */
    private final class KeepingAnswer extends ServerHttpResponseDecorator {

        private final String appId;
        private final String token;
        private final AccessTokenClaims claims;
        private final Instant askedAt;

        KeepingAnswer(ServerHttpResponse response, String appId, String token, AccessTokenClaims claims, Instant askedAt) {
            super(response);
            this.appId = appId;
            this.token = token;
            this.claims = claims;
            this.askedAt = askedAt;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            long length = getHeaders().getContentLength();
            // An encoded answer would be given again to clients that did not ask for that encoding.
            if (getStatusCode() == null || getStatusCode().value() != HttpStatus.OK.value()
                    || !JSON_TYPE.equals(getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)) || length > maxAnswer
                    || getHeaders().containsHeader(HttpHeaders.CONTENT_ENCODING)) {
                return super.writeWith(body);
            }
            // Buffers held when the client goes away or the answer breaks off are released.
            return Flux.from(body).doOnDiscard(DataBuffer.class, DataBufferUtils::release).collectList().flatMap(parts -> {
                int size = parts.stream().mapToInt(DataBuffer::readableByteCount).sum();
                if (size > 0 && size <= maxAnswer) {
                    byte[] bytes = new byte[size];
                    int at = 0;
                    for (DataBuffer part : parts) {
                        int partLength = part.readableByteCount();
                        part.toByteBuffer(part.readPosition(), ByteBuffer.wrap(bytes), at, partLength);
                        at += partLength;
                    }
                    answers.remember(appId, token, claims, bytes, askedAt);
                }
                return super.writeWith(Flux.fromIterable(parts));
            });
        }
    }
}
