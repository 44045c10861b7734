package io.passportsuite.gateway.ratelimit;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CLIENT_RESPONSE_ATTR;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.gateway.ratelimit.RateLimitProperties.Key;
import io.passportsuite.gateway.ratelimit.RateLimitProperties.Rule;
import io.passportsuite.gateway.ratelimit.RateLimitStore.Window;
import io.passportsuite.gateway.web.ClientIpResolver;
import io.passportsuite.gateway.web.ServiceBoundHeaders;
import io.passportsuite.gateway.web.SurfaceErrors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies the configured limits before a request is routed. Rules counting every request are
 * counted up front; rules counting failed logins only look at the count up front and add to it
 * when the service answers 401, so successful logins never lock anyone out. Parallel
 * attempts that all pass the look may overshoot the limit by the number in flight.
 * When the store cannot be reached the request goes through: a Redis outage must not stop logins.
 *
 * <p>Rules counting per user need the user the edge verified, so they are not applied here but by
 * {@link VerifiedUserRateLimitFilter}, once the request has passed the edge.
 *
 * <p>Each refusal is counted by the rule that refused it ({@code passport.rate.limit.refusals}),
 * the meter the services' own limits use too.
 */
class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    // Login bodies are a few hundred bytes; a larger one is not a login anyone needs to send.
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final List<MatchingRule> rules;
    private final RateLimitStore store;
    private final ClientIpResolver clientIp;
    private final MeterRegistry meters;

    RateLimitFilter(RateLimitProperties properties, RateLimitStore store, ClientIpResolver clientIp) {
        this(properties, store, clientIp, new SimpleMeterRegistry());
    }

    RateLimitFilter(RateLimitProperties properties, RateLimitStore store, ClientIpResolver clientIp, MeterRegistry meters) {
        this(properties, store, clientIp, meters, rule -> rule.key() != Key.USER);
    }

    private RateLimitFilter(RateLimitProperties properties, RateLimitStore store, ClientIpResolver clientIp, MeterRegistry meters,
            Predicate<Rule> applied) {
        this.rules = properties.enabled()
                ? properties.rules().stream().filter(applied).map(MatchingRule::of).toList()
                : List.of();
        this.store = store;
        this.clientIp = clientIp;
        this.meters = meters;
    }

    /** The rules counting per verified user, applied by {@link VerifiedUserRateLimitFilter} through {@link #limit}. */
    static RateLimitFilter perVerifiedUser(RateLimitProperties properties, RateLimitStore store, ClientIpResolver clientIp,
            MeterRegistry meters) {
        return new RateLimitFilter(properties, store, clientIp, meters, rule -> rule.key() == Key.USER);
    }

    // Asked of every request through the gateway, most of which no rule counts: plain loops, the
    // methods as a set, and a rule's paths only tried when its method matched.
    private record MatchingRule(Rule rule, Set<String> methods, List<PathPattern> paths) {

        static MatchingRule of(Rule rule) {
            Set<String> methods = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            methods.addAll(rule.methods());
            return new MatchingRule(rule, methods, rule.paths().stream().map(PathPatternParser.defaultInstance::parse).toList());
        }

        boolean matches(String method, PathContainer path) {
            if (!methods.contains(method)) {
                return false;
            }
            for (PathPattern pattern : paths) {
                if (pattern.matches(path)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One rule's counter for this request, the limit that applies to it, and the app the body names (or null). */
    private record Counted(Rule rule, String key, long limit, String app) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return limit(exchange, chain::filter);
    }

    private List<Rule> matching(ServerHttpRequest request) {
        String method = request.getMethod().name();
        PathContainer path = request.getPath().pathWithinApplication();
        List<Rule> matching = List.of();
        for (MatchingRule rule : rules) {
            if (rule.matches(method, path)) {
                if (matching.isEmpty()) {
                    matching = new ArrayList<>(2);
                }
                matching.add(rule.rule());
            }
        }
        return matching;
    }

    /** Applies the rules to the request, then hands it to {@code next} unless one of them refused it. */
    Mono<Void> limit(ServerWebExchange exchange, Function<ServerWebExchange, Mono<Void>> next) {
        List<Rule> matching = matching(exchange.getRequest());
        if (matching.isEmpty()) {
            return next.apply(exchange);
        }
        if (matching.stream().noneMatch(Rule::readsBody)) {
            return limit(exchange, next, matching, new byte[0]);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY_BYTES)
                .map(RateLimitFilter::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> limit(exchange.mutate().request(replayable(exchange.getRequest(), exchange, body)).build(),
                        next, matching, body))
                .onErrorResume(DataBufferLimitException.class, tooLarge -> SurfaceErrors.write(exchange, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large"));
    }

    private Mono<Void> limit(ServerWebExchange exchange, Function<ServerWebExchange, Mono<Void>> next, List<Rule> matching,
            byte[] body) {
        String ip = addressKey(clientIp.resolve(exchange.getRequest()));
        // Set by the edge from a verified token; rules counting per user only run after it (see perVerifiedUser).
        String user = ServiceBoundHeaders.get(exchange, SuiteHeaders.USER_ID);
        List<Counted> counted = matching.stream()
                .map(rule -> counted(rule, ip, user, body))
                .filter(c -> c != null)
                .toList();
        return Flux.fromIterable(counted)
                .concatMap(c -> check(c).filter(window -> window.count() > allowed(c)).map(window -> new Exceeded(c.rule(), window)))
                .next()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(exceeded -> exceeded.isPresent() ? reject(exchange, exceeded.get()) : proceed(exchange, next, counted));
    }

    /** The rule a request went over, and its window. */
    private record Exceeded(Rule rule, Window window) {
    }

    private Mono<Void> proceed(ServerWebExchange exchange, Function<ServerWebExchange, Mono<Void>> next, List<Counted> counted) {
        // Counted before the answer leaves, so the next attempt already sees this failure.
        exchange.getResponse().beforeCommit(() -> countFailure(exchange, counted));
        return next.apply(exchange);
    }

    /** Every-request rules count this one first, so more than the limit is over; failure rules only peek. */
    private static long allowed(Counted c) {
        return c.rule().failuresOnly() ? c.limit() - 1 : c.limit();
    }

    private Mono<Window> check(Counted c) {
        Mono<Window> window = c.rule().failuresOnly() ? store.peek(c.key()) : store.increment(c.key(), c.rule().window());
        return window.onErrorResume(failure -> {
            log.warn("rate-limit store unavailable, letting the request through: {}", failure.toString());
            return Mono.just(Window.EMPTY);
        });
    }

    private Mono<Void> countFailure(ServerWebExchange exchange, List<Counted> counted) {
        if (!serviceRefusedCredentials(exchange)) {
            return Mono.empty();
        }
        String verifiedApp = exchange.getAttribute(RoutedAppRecorder.VERIFIED_APP_ATTRIBUTE);
        return Flux.fromIterable(counted)
                .filter(c -> c.rule().failuresOnly())
                // A key of one app naming another app's account is refused for that, not for a password.
                .filter(c -> c.app() == null || verifiedApp == null || verifiedApp.equals(c.app()))
                .concatMap(c -> store.increment(c.key(), c.rule().window()))
                .onErrorResume(failure -> {
                    log.warn("rate-limit store unavailable, a failed login was not counted: {}", failure.toString());
                    return Mono.empty();
                })
                .then();
    }

    /**
     * A failed login is a 401 that the routed service answered. The gateway's own 401s (an unknown
     * API key, a missing token) say nothing about the account's password: counting them would let
     * anyone without a key lock any account. A 403 from a login is an account disabled after the
     * right password, or an app that is not the key's: no guess at a password either.
     */
    private static boolean serviceRefusedCredentials(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status != null && status.value() == 401 && exchange.getAttribute(CLIENT_RESPONSE_ATTR) != null;
    }

    /**
     * What per-address limits count under: an IPv4 address, or the /64 of an IPv6 address. One
     * subscriber is handed a whole /64 and can send from any of its 2^64 addresses: counted one by
     * one, they would each get the full limit.
     */
    static String addressKey(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.ofLiteral(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            HexFormat hex = HexFormat.of();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(hex.toHexDigits(bytes[i])).append(hex.toHexDigits(bytes[i + 1])).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (IllegalArgumentException notAnAddress) {
            return address;
        }
    }

    /** Null when the request does not name what the rule counts per (no identifier in the body, no verified user). */
    private static Counted counted(Rule rule, String ip, String user, byte[] body) {
        String app = rule.appField() == null || rule.appField().isBlank() ? null : LoginAttemptKey.field(body, rule.appField());
        String scope = rule.counterBucket() + (app == null ? "" : ":app:" + LoginAttemptKey.appKey(app));
        long limit = app == null ? rule.limit() : rule.appLimits().getOrDefault(app, rule.limit());
        if (rule.key() == Key.IP) {
            return new Counted(rule, scope + ":ip:" + ip, limit, app);
        }
        if (rule.key() == Key.USER) {
            return user == null ? null : new Counted(rule, scope + ":user:" + user, limit, app);
        }
        String identifier = LoginAttemptKey.account(body, rule.identifierField());
        return identifier == null ? null : new Counted(rule, scope + ":id:" + LoginAttemptKey.digest(identifier), limit, app);
    }

    private Mono<Void> reject(ServerWebExchange exchange, Exceeded exceeded) {
        meters.counter("passport.rate.limit.refusals", "rule", exceeded.rule().name()).increment();
        long retryAfter = exceeded.window().retryAfterSeconds();
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfter));
        return SurfaceErrors.write(exchange, ErrorCode.RATE_LIMITED,
                "Too many requests, retry in " + retryAfter + " seconds");
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The body has been read to find the identifier; the service gets the same bytes again. */
    private static ServerHttpRequest replayable(ServerHttpRequest request, ServerWebExchange exchange, byte[] body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
    }

    @Override
    public int getOrder() {
        // After the request id (so a 429 carries one) and the access log (so it is logged).
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
