package io.passportsuite.gateway.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.token.AccessTokenCheck;
import io.passportsuite.common.token.AccessTokenClaims;
import io.passportsuite.common.token.AccessTokenFormat;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.gateway.web.SurfaceErrors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers {@code POST /auth/v1/token/validate} from {@link ValidationAnswers} when passport gave
 * the same answer for the same app and token within the last second; otherwise sends the request
 * on to passport as any other and keeps a 200 answer for the next time. Also takes passport's
 * {@link SuiteHeaders#SESSIONS_REVOKED} off every answer, dropping the answers about those users.
 *
 * <p>Runs after {@link EdgeAuthenticationFilter}, so the request it sees carries the app the API
 * key belongs to (checked there, a client's own identity headers removed), and the rate limits
 * and access log have seen it. Anything unusual (no JSON, no token, a body larger than a token
 * needs) goes to passport, which answers it as it always has.
 *
 * <p>An answer in the last fifth of its time is asked again in the background
 * ({@link ValidationAnswers#claimRefresh}) with the request that found it: the same body, API key
 * and the identity this gateway gave that request (app, client address, request id, internal
 * credential), so passport checks exactly what it checked the first time.
 */
final class LocalTokenValidation implements WebFilter, Ordered {

    static final String PATH = "/auth/v1/token/validate";

    /** A token of the largest accepted length, with room for the JSON around it. */
    private static final int MAX_BODY = AccessTokenFormat.MAX_TOKEN_LENGTH + 1024;
    /** Passport's answer repeats the token's claims; anything larger is not an answer to keep. */
    private static final int MAX_ANSWER = 2 * 1024;
    private static final String JSON_TYPE = MediaType.APPLICATION_JSON_VALUE;
    /** What the CORS handling of a routed answer adds, browser or not. */
    private static final List<String> CORS_VARY =
            List.of(HttpHeaders.ORIGIN, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than any answer is kept (at most 1 s): a refresh that takes longer changes nothing. */
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(2);
    /** What a refresh sends of the request that found the answer. */
    private static final List<String> REFRESH_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            SuiteHeaders.APP_ID, SuiteHeaders.CLIENT_IP, SuiteHeaders.REQUEST_ID, SuiteHeaders.INTERNAL_CREDENTIAL);

    /** Passport's validation endpoint, which this gateway asks itself to refresh an answer it keeps. */
    @FunctionalInterface
    interface Passport {
        Mono<Asked> validate(HttpHeaders headers, byte[] body);
    }

    /** Passport's answer to a refresh. */
    record Asked(int status, String contentType, byte[] body) {
    }

    /** How a refresh ended, for the answer kept and the metric. */
    private enum Refresh {
        KEPT, REFUSED, FAILED
    }

    // Strict where passport's own reading could differ: a body it would refuse is never answered here.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ValidationAnswers answers;
    private final AccessTokenVerifier tokens;
    private final Passport passport;
    private final Counter answeredHere;
    private final Counter askedPassport;
    private final Map<Refresh, Counter> refreshes = new EnumMap<>(Refresh.class);

    LocalTokenValidation(ValidationAnswers answers, AccessTokenVerifier tokens, Passport passport, MeterRegistry meters) {
        this.answers = answers;
        this.tokens = tokens;
        this.passport = passport;
        this.answeredHere = answerCounter(meters, "gateway");
        this.askedPassport = answerCounter(meters, "passport");
        for (Refresh outcome : Refresh.values()) {
            refreshes.put(outcome, refreshCounter(meters, outcome));
        }
    }

    private static Counter refreshCounter(MeterRegistry meters, Refresh outcome) {
        return Counter.builder("passport.gateway.token.validate.refreshes")
                .description("Answers the gateway keeps, asked again of passport in the background: kept (passport answered 200 again), "
                        + "refused (dropped at once) or failed (no answer: the kept one ends at its time)")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters);
    }

    private static Counter answerCounter(MeterRegistry meters, String source) {
        return Counter.builder("passport.gateway.token.validate.answers")
                .description("Answers to POST /auth/v1/token/validate, by who gave them: the gateway from passport's recent answer, or passport")
                .tag("source", source)
                .register(meters);
    }

    @Override
    public int getOrder() {
        return EdgeAuthenticationFilter.ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            List<String> users = response.getHeaders().remove(SuiteHeaders.SESSIONS_REVOKED);
            if (users != null) {
                answers.forgetUsers(users);
            }
            return Mono.empty();
        });
        ServerHttpRequest request = exchange.getRequest();
        if (!answers.enabled() || request.getMethod() != HttpMethod.POST || !PATH.equals(request.getPath().value())) {
            return chain.filter(exchange);
        }
        String appId = request.getHeaders().getFirst(SuiteHeaders.APP_ID);
        long length = request.getHeaders().getContentLength();
        if (appId == null || length <= 0 || length > MAX_BODY || !answerable(request.getHeaders())) {
            askedPassport.increment();
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(request.getBody(), MAX_BODY)
                .timeout(BODY_TIMEOUT)
                .map(LocalTokenValidation::bytesOf)
                .defaultIfEmpty(new byte[0])
                .map(Optional::of)
                // Only the body's own failures here; whatever the routed exchange meets is its handlers'.
                .onErrorResume(TimeoutException.class, late -> SurfaceErrors.write(exchange, HttpStatus.REQUEST_TIMEOUT,
                        ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive in time").then(Mono.just(Optional.empty())))
                .onErrorResume(DataBufferLimitException.class, large -> SurfaceErrors.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE,
                        ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large").then(Mono.just(Optional.empty())))
                .flatMap(body -> body.map(bytes -> answer(exchange, chain, appId, bytes)).orElseGet(Mono::empty));
    }

    /**
     * Requests passport reads as plain JSON and answers in it, from anything but a browser: a
     * browser's request (it sends {@code Origin}) needs the CORS handling of the routed path, an
     * unusual {@code Accept} or charset an answer of its own.
     */
    private static boolean answerable(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        List<String> accept = headers.get(HttpHeaders.ACCEPT);
        return type != null && type.getType().equals("application") && type.getSubtype().equals("json")
                && (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8))
                && (accept == null || accept.stream().allMatch(value -> value.equals("*/*") || value.equals(JSON_TYPE)))
                && !headers.containsHeader(HttpHeaders.ORIGIN);
    }

    private Mono<Void> answer(ServerWebExchange exchange, WebFilterChain chain, String appId, byte[] body) {
        ServerWebExchange withBody = exchange.mutate()
                .request(new ReadBody(exchange.getRequest(), exchange.getResponse().bufferFactory(), body)).build();
        String token = tokenOf(body);
        if (token == null) {
            askedPassport.increment();
            return chain.filter(withBody);
        }
        var known = answers.answerFor(appId, token);
        if (known.isPresent()) {
            answeredHere.increment();
            if (answers.claimRefresh(appId, token, known.get())) {
                refresh(withBody.getRequest().getHeaders(), appId, token, body, known.get());
            }
            return write(exchange.getResponse(), known.get());
        }
        askedPassport.increment();
        Instant askedAt = Instant.now();
        return tokens.verify(token).flatMap(check -> {
            if (check instanceof AccessTokenCheck.Valid(AccessTokenClaims claims) && appId.equals(claims.appId())) {
                return chain.filter(withBody.mutate()
                        .response(new KeepingAnswer(withBody.getResponse(), appId, token, claims, askedAt)).build());
            }
            return chain.filter(withBody);
        });
    }

    /** Asks passport again, without the client waiting: the answer kept is replaced, dropped or left to end. */
    private void refresh(HttpHeaders request, String appId, String token, byte[] body, ValidationAnswers.Answer previous) {
        HttpHeaders headers = new HttpHeaders();
        for (String name : REFRESH_HEADERS) {
            List<String> values = request.get(name);
            if (values != null) {
                headers.addAll(name, values);
            }
        }
        Instant askedAt = Instant.now();
        passport.validate(headers, body)
                .timeout(REFRESH_TIMEOUT)
                .map(asked -> refreshed(asked, appId, token, previous, askedAt))
                .onErrorResume(failure -> Mono.fromSupplier(() -> notRefreshed(appId, token)))
                .switchIfEmpty(Mono.fromSupplier(() -> notRefreshed(appId, token)))
                .subscribe(outcome -> refreshes.get(outcome).increment());
    }

    private Refresh refreshed(Asked asked, String appId, String token, ValidationAnswers.Answer previous, Instant askedAt) {
        if (asked.status() == HttpStatus.OK.value() && JSON_TYPE.equals(asked.contentType()) && asked.body().length > 0
                && asked.body().length <= MAX_ANSWER) {
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

    /** As passport's answer routed here carries it: its body and type, the date, CORS's Vary. */
    private static Mono<Void> write(ServerHttpResponse response, ValidationAnswers.Answer answer) {
        response.setStatusCode(HttpStatus.OK);
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, JSON_TYPE);
        headers.setContentLength(answer.body().length);
        headers.setDate(System.currentTimeMillis());
        headers.addAll(HttpHeaders.VARY, CORS_VARY);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    /** The {@code token} of a JSON object; null for anything passport might read otherwise. */
    private static String tokenOf(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode token = json == null ? null : json.get("token");
            return json != null && json.isObject() && token != null && token.isString() && !token.asString().isBlank()
                    && token.asString().length() <= AccessTokenFormat.MAX_TOKEN_LENGTH ? token.asString() : null;
        } catch (JacksonException unreadable) {
            return null;
        }
    }

    private static byte[] bytesOf(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The request with the body this filter has read, to be sent on as it came. */
    private static final class ReadBody extends ServerHttpRequestDecorator {

        private final DataBufferFactory buffers;
        private final byte[] body;

        ReadBody(ServerHttpRequest request, DataBufferFactory buffers, byte[] body) {
            super(request);
            this.buffers = buffers;
            this.body = body;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            // The server's own buffers (Netty's): the routing filter sends those without a copy.
            return Flux.defer(() -> Flux.just(buffers.wrap(body)));
        }
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
            if (getStatusCode() == null || getStatusCode().value() != HttpStatus.OK.value()
                    || !JSON_TYPE.equals(getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)) || length > MAX_ANSWER) {
                return super.writeWith(body);
            }
            // Passport's answer is a few hundred bytes; one of another size is passed on, not kept.
            // Buffers held when the client goes away or the answer breaks off are released.
            return Flux.from(body).doOnDiscard(DataBuffer.class, DataBufferUtils::release).collectList().flatMap(parts -> {
                int size = parts.stream().mapToInt(DataBuffer::readableByteCount).sum();
                if (size > 0 && size <= MAX_ANSWER) {
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
