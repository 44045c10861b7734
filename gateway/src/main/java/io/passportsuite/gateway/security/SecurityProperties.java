package io.passportsuite.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

import io.passportsuite.common.events.Topics;

/**
 * Authentication at the edge.
 *
 * @param internalCredential sent to every service as {@code X-Passport-Internal-Credential} so it can tell
 *        gateway traffic from direct callers; also authenticates the gateway's own API-key lookups
 * @param passportUri where passport is: {@code lb://passport-service} goes through discovery
 * @param issuer the {@code iss} every access token must carry
 * @param clockSkew tolerance on {@code exp} and {@code nbf}, for clocks of gateway and passport that drift apart
 * @param jwksMaxAge how long fetched keys are used before they are fetched again (passport serves them with max-age 300)
 * @param jwksMinRefreshInterval at most one JWKS fetch per interval, however many unknown {@code kid}s arrive
 * @param apiKeyCacheTtl how long a key's check is reused; a revoked key stops working after at most this
 * @param routes the access each path needs, evaluated first match; a path no rule matches is refused
 * @param revocation the deny-list of revoked sessions
 * @param platformAppId the app whose users the {@code user} and {@code admin} routes serve (the envelope,
 *        chat, membership and admin surfaces); tokens of any other app are refused there
 * @param tokenValidation passport's answers to {@code POST /auth/v1/token/validate} the gateway gives again itself
 * @param profileAnswers passport's answers to {@code GET /api/auth/me} the gateway gives again itself
 */
@ConfigurationProperties("passport.gateway.security")
record SecurityProperties(
        @DefaultValue("") String internalCredential,
        @DefaultValue("lb://passport-service") URI passportUri,
        @DefaultValue("passport-suite") String issuer,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("5m") Duration jwksMaxAge,
        @DefaultValue("10s") Duration jwksMinRefreshInterval,
        @DefaultValue("3s") Duration apiKeyCacheTtl,
        List<RouteRule> routes,
        @DefaultValue Revocation revocation,
        @DefaultValue("default") String platformAppId,
        @DefaultValue AnswersKept tokenValidation,
        @DefaultValue AnswersKept profileAnswers) {

    SecurityProperties {
        routes = routes == null ? List.of() : List.copyOf(routes);
        // Passport reuses a session's state for a second; longer here would keep revoked tokens
        // valid for longer than any replica of passport does.
        if (tokenValidation.answerFor().compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("passport.gateway.security.token-validation.answer-for must be at most 1s");
        }
        if (profileAnswers.answerFor().compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("passport.gateway.security.profile-answers.answer-for must be at most 1s");
        }
        if (clockSkew.isNegative() || tokenValidation.answerFor().isNegative() || profileAnswers.answerFor().isNegative()
                || apiKeyCacheTtl.isNegative() || jwksMinRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("passport.gateway.security durations must not be negative");
        }
    }

    /** The access a request needs. */
    enum Access {
        /** Anyone; the service behind may still check what it was sent. */
        PUBLIC,
        /** An app's API key ({@code Authorization: Bearer <api_key>}) that passport knows. */
        API_KEY,
        /** A valid access token of the platform app, of a session that was not revoked. */
        USER,
        /** As {@link #USER}, with role 9: an administrator of the platform. */
        ADMIN,
        /** Never routed from outside. */
        DENY
    }

    /**
     * @param path a path pattern ({@code /api/auth/users/**})
     * @param methods the methods the rule applies to; all when empty
     * @param capability a capability the user's token must carry ({@code invite:create}); none when null.
     *        Only on {@code user} and {@code admin} rules: the other accesses have no user to hold one
     */
    record RouteRule(String path, Set<HttpMethod> methods, Access access, String capability) {

        RouteRule {
            methods = methods == null ? Set.of() : Set.copyOf(methods);
            capability = capability == null || capability.isBlank() ? null : capability.strip();
            if (path == null || access == null) {
                throw new IllegalArgumentException("A route rule needs a path and an access");
            }
            if (capability != null && access != Access.USER && access != Access.ADMIN) {
                throw new IllegalArgumentException("Route rule " + path + " requires capability " + capability
                        + " but its access " + access + " has no user to hold it");
            }
        }
    }

    /**
     * @param enabled whether revoked sessions are read from Kafka ({@code spring.kafka.bootstrap-servers})
     * @param topic the topic carrying {@code user.session-revoked}
     */
    record Revocation(@DefaultValue("true") boolean enabled, @DefaultValue(Topics.USER_EVENTS) String topic) {
    }

    /**
     * @param answerFor how long passport's 200 answer for an app and token is given again by the
     *        gateway (at most 1s; 0 sends every such request to passport)
     * @param maxMemory what the answers kept may take, with the tokens they answer (about 1.5 KiB each)
     * @param refreshAhead whether an answer in the last fifth of its time is asked again in the
     *        background, so that a token in use is never waited for (see {@link KeptAnswers})
     */
    record AnswersKept(@DefaultValue("500ms") Duration answerFor, @DefaultValue("16MB") DataSize maxMemory,
            @DefaultValue("true") boolean refreshAhead) {
    }
}
