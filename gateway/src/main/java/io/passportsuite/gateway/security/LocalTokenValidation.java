package io.passportsuite.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

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
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.token.AccessTokenCheck;
import io.passportsuite.common.token.AccessTokenClaims;
import io.passportsuite.common.token.AccessTokenFormat;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.gateway.web.ServiceBoundHeaders;
import io.passportsuite.gateway.web.SurfaceErrors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers {@code POST /auth/v1/token/validate} from {@link KeptAnswers} when passport gave
 * the same answer for the same app and token within the last second; otherwise sends the request
 * on to passport as any other and keeps a 200 answer for the next time ({@link AnswerKeeping}).
 *
 * <p>Runs after {@link EdgeAuthenticationFilter}, so the request it sees carries the app the API
 * key belongs to (checked there, a client's own identity headers removed), and the rate limits
 * and access log have seen it. Anything unusual (no JSON, no token, a body larger than a token
 * needs) goes to passport, which answers it as it always has.
 *
 * <p>An answer in the last fifth of its time is asked again in the background
 * ({@link AnswerKeeping#give}) with the request that found it: the same body, API key
 * and the identity this gateway gave that request (app, client address, request id, internal
 * credential), so passport checks exactly what it checked the first time.
 */
final class LocalTokenValidation implements WebFilter, Ordered {

    static final String PATH = "/auth/v1/token/validate";

    /** A token of the largest accepted length, with room for the JSON around it. */
    private static final int MAX_BODY = AccessTokenFormat.MAX_TOKEN_LENGTH + 1024;
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(30);
    /** What a refresh sends of the request that found the answer. */
    private static final List<String> REFRESH_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            SuiteHeaders.APP_ID, SuiteHeaders.CLIENT_IP, SuiteHeaders.REQUEST_ID, SuiteHeaders.INTERNAL_CREDENTIAL);

    /** Passport's validation endpoint, which this gateway asks itself to refresh an answer it keeps. */
    @FunctionalInterface
    interface Passport {
        Mono<AnswerKeeping.Asked> validate(HttpHeaders headers, byte[] body);
    }

    // Strict where passport's own reading could differ: a body it would refuse is never answered here.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final AnswerKeeping answers;
    private final AccessTokenVerifier tokens;
    private final Passport passport;
    private final Duration bodyTimeout;

    LocalTokenValidation(AnswerKeeping answers, AccessTokenVerifier tokens, Passport passport) {
        this(answers, tokens, passport, BODY_TIMEOUT);
    }

    LocalTokenValidation(AnswerKeeping answers, AccessTokenVerifier tokens, Passport passport, Duration bodyTimeout) {
        this.answers = answers;
        this.tokens = tokens;
        this.passport = passport;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public int getOrder() {
        return EdgeAuthenticationFilter.ORDER + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!answers.enabled() || request.getMethod() != HttpMethod.POST || !PATH.equals(request.getPath().value())) {
            return chain.filter(exchange);
        }
        String appId = ServiceBoundHeaders.get(exchange, SuiteHeaders.APP_ID);
        long length = request.getHeaders().getContentLength();
        if (appId == null || length <= 0 || length > MAX_BODY || !answerable(request.getHeaders())) {
            answers.askingPassport();
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(request.getBody(), MAX_BODY)
                // Not timeout(): Reactor's timeout operator names its source chain, walking it with
                // streams, at every subscription: 7 % of the gateway's Java samples under validation load.
                .or(Mono.delay(bodyTimeout).then(Mono.error(TimeoutException::new)))
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

    /** Requests passport reads as plain JSON and answers in it, from anything but a browser: see {@link AnswerKeeping#acceptsPlainJson}. */
    private static boolean answerable(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        return type != null && type.getType().equals("application") && type.getSubtype().equals("json")
                && (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8))
                && AnswerKeeping.acceptsPlainJson(headers);
    }

    private Mono<Void> answer(ServerWebExchange exchange, WebFilterChain chain, String appId, byte[] body) {
        String token = tokenOf(body);
        var known = token == null ? Optional.<KeptAnswers.Answer>empty() : answers.answerFor(appId, token);
        if (known.isPresent()) {
            return answers.give(exchange.getResponse(), appId, token, known.get(),
                    () -> passport.validate(AnswerKeeping.headersOf(exchange, REFRESH_HEADERS), body));
        }
        // Passport reads the body this filter has read: the request goes on with it, as it came.
        ServerWebExchange withBody = exchange.mutate()
                .request(new ReadBody(exchange.getRequest(), exchange.getResponse().bufferFactory(), body)).build();
        if (token == null) {
            answers.askingPassport();
            return chain.filter(withBody);
        }
        answers.askingPassport();
        Instant askedAt = Instant.now();
        return tokens.verify(token).flatMap(check -> {
            if (check instanceof AccessTokenCheck.Valid(AccessTokenClaims claims) && appId.equals(claims.appId())) {
                return chain.filter(withBody.mutate()
                        .response(answers.keeping(withBody.getResponse(), appId, token, claims, askedAt)).build());
            }
            return chain.filter(withBody);
        });
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
}
