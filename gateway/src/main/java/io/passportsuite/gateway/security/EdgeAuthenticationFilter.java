package io.passportsuite.gateway.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.token.AccessTokenCheck;
import io.passportsuite.common.token.AccessTokenClaims;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.gateway.observability.RequestIdFilter;
import io.passportsuite.gateway.security.RoutePolicy.Requirement;
import io.passportsuite.gateway.security.SecurityProperties.Access;
import io.passportsuite.gateway.web.ClientIpResolver;
import io.passportsuite.gateway.web.ServiceBoundHeaders;
import io.passportsuite.gateway.web.SurfaceErrors;
import reactor.core.publisher.Mono;

/**
 * Authentication at the edge, on every request: refuses paths that are ambiguous or not meant to
 * be routed, checks the API key or access token (and the capability) the route policy asks for,
 * and replaces whatever identity headers the client sent with the ones it verified, plus the
 * gateway's credential.
 */
final class EdgeAuthenticationFilter implements WebFilter, Ordered {

    /** Early, so nothing behind it sees a client's identity headers; room left for filters before it. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    /** The exchange attribute holding the claims of the access token verified here, on user and admin routes. */
    static final String VERIFIED_USER = EdgeAuthenticationFilter.class.getName() + ".verifiedUser";

    private static final String BEARER = "Bearer ";
    private static final int ADMIN_ROLE = 9;
    /** Where a user without a capability gets one, named in the refusal. */
    private static final String HOW_TO_GET_A_CAPABILITY =
            "redeem an invite code (POST /api/membership/redeem-invite) or upgrade";

    private final RoutePolicy policy;
    private final AccessTokenVerifier tokens;
    private final RevokedSessions revoked;
    private final ApiKeyCheck apiKeys;
    private final String internalCredential;
    private final ClientIpResolver clientIp;
    private final String platformAppId;

    EdgeAuthenticationFilter(RoutePolicy policy, AccessTokenVerifier tokens, RevokedSessions revoked, ApiKeyCheck apiKeys,
            String internalCredential, ClientIpResolver clientIp, String platformAppId) {
        this.policy = policy;
        this.tokens = tokens;
        this.revoked = revoked;
        this.apiKeys = apiKeys;
        this.internalCredential = internalCredential;
        this.clientIp = clientIp;
        this.platformAppId = platformAppId;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<String> path = RequestPaths.canonical(exchange.getRequest().getPath().value());
        Requirement requirement = path.map(value -> policy.requirementFor(exchange.getRequest().getMethod(), value))
                .orElse(Requirement.DENIED);
        if (requirement.access() != Access.DENY && CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            // A browser's preflight never carries credentials; the CORS configuration answers it
            // (allowed origin or 403) and it reaches no service.
            requirement = Requirement.PUBLIC;
        }
        return switch (requirement.access()) {
            case PUBLIC -> {
                toService(exchange);
                yield chain.filter(exchange);
            }
            case API_KEY -> withApiKey(exchange, chain);
            case USER, ADMIN -> withAccessToken(exchange, chain, requirement);
            // Unroutable and ambiguous paths belong to no surface: one plain answer that tells nothing about why.
            case DENY -> SurfaceErrors.writePlain(exchange, HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, "No such endpoint");
        };
    }

    private Mono<Void> withApiKey(ServerWebExchange exchange, WebFilterChain chain) {
        // Any key passport holds is a key: apps that moved here bring keys of their own format.
        String authorization = singleAuthorization(exchange);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.substring(BEARER.length()).isBlank()) {
            return invalidApiKey(exchange);
        }
        return apiKeys.appOf(authorization)
                .flatMap(appId -> appId
                        .map(app -> {
                            toService(exchange).set(SuiteHeaders.APP_ID, app);
                            return chain.filter(exchange);
                        })
                        .orElseGet(() -> invalidApiKey(exchange)))
                .onErrorResume(ApiKeyCheck.Unavailable.class, unavailable -> SurfaceErrors.write(exchange,
                        HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE, "API keys cannot be checked right now"));
    }

    private Mono<Void> withAccessToken(ServerWebExchange exchange, WebFilterChain chain, Requirement requirement) {
        boolean adminOnly = requirement.access() == Access.ADMIN;
        String capability = requirement.capability();
        String authorization = singleAuthorization(exchange);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return invalidToken(exchange, "An access token is required");
        }
        return tokens.verify(authorization.substring(BEARER.length()).trim()).flatMap(check -> switch (check) {
            case AccessTokenCheck.Invalid invalid -> invalidToken(exchange, "The access token is invalid or expired");
            // User and admin routes serve the platform's own app; a tenant app's token is no token here,
            // and role 9 in a tenant app makes nobody an administrator of the platform.
            case AccessTokenCheck.Valid(AccessTokenClaims user) when !platformAppId.equals(user.appId()) ->
                    invalidToken(exchange, "The access token is invalid or expired");
            case AccessTokenCheck.Valid(AccessTokenClaims user) when revoked.isRevoked(user.sessionId().toString()) ->
                    invalidToken(exchange, "The access token's session has ended");
            case AccessTokenCheck.Valid(AccessTokenClaims user) when adminOnly && user.role() != ADMIN_ROLE ->
                    SurfaceErrors.write(exchange, HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, "Administrators only");
            // A missing capability is not a failed login: the user is who they say, and is told where to get it.
            case AccessTokenCheck.Valid(AccessTokenClaims user) when capability != null && !user.hasCapability(capability) ->
                    SurfaceErrors.write(exchange, ErrorCode.CAPABILITY_REQUIRED,
                            capability + " is required: " + HOW_TO_GET_A_CAPABILITY, Map.of("capability", capability));
            case AccessTokenCheck.Valid(AccessTokenClaims user) -> {
                exchange.getAttributes().put(VERIFIED_USER, user);
                identify(toService(exchange), user);
                yield chain.filter(exchange);
            }
        });
    }

    /** The verified user as services read it; the capabilities header only when the token carries some. */
    private static void identify(ServiceBoundHeaders headers, AccessTokenClaims user) {
        headers.set(SuiteHeaders.USER_ID, user.userId().toString());
        headers.set(SuiteHeaders.USER_ROLE, Integer.toString(user.role()));
        headers.set(SuiteHeaders.APP_ID, user.appId());
        headers.set(SuiteHeaders.SESSION_ID, user.sessionId().toString());
        if (!user.capabilities().isEmpty()) {
            headers.set(SuiteHeaders.USER_CAPABILITIES, String.join(",", user.capabilities()));
        }
    }

    /**
     * What the service is told along with the request: only what was verified here, the client's
     * address (services see the gateway as their peer), the request id and the gateway's
     * credential. The client's own headers of those names are dropped when the request is copied
     * to the service ({@link ServiceBoundHeaders}); the request itself is left as it came.
     */
    private ServiceBoundHeaders toService(ServerWebExchange exchange) {
        ServiceBoundHeaders headers = ServiceBoundHeaders.of(exchange);
        headers.set(SuiteHeaders.CLIENT_IP, clientIp.resolve(exchange.getRequest()));
        headers.set(SuiteHeaders.REQUEST_ID, RequestIdFilter.of(exchange));
        if (!internalCredential.isBlank()) {
            headers.set(SuiteHeaders.INTERNAL_CREDENTIAL, internalCredential);
        }
        return headers;
    }

    /**
     * Null when absent or sent more than once: which of two a service would read is not ours to
     * guess. The raw header lines, not {@code getValuesAsList}, which would split a token of 800
     * characters at commas one character at a time (2 % of the gateway's CPU) only to find none.
     */
    private static String singleAuthorization(ServerWebExchange exchange) {
        List<String> values = exchange.getRequest().getHeaders().get(HttpHeaders.AUTHORIZATION);
        return values != null && values.size() == 1 ? values.getFirst() : null;
    }

    private static Mono<Void> invalidToken(ServerWebExchange exchange, String message) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return SurfaceErrors.write(exchange, HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_TOKEN, message);
    }

    private static Mono<Void> invalidApiKey(ServerWebExchange exchange) {
        return SurfaceErrors.write(exchange, HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_API_KEY, "A valid API key is required");
    }
}
