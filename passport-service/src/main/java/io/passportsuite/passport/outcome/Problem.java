package io.passportsuite.passport.outcome;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Why a request could not be served: a {@link Reason} key with its arguments (a field name, an
 * id), and the {@link Kind} every surface maps to its status and error code. {@code retryAfter}
 * is set when trying again later will help (throttling, an outage).
 */
public record Problem(Kind kind, Reason reason, List<String> arguments, Duration retryAfter) {

    public Problem {
        arguments = List.copyOf(arguments);
    }

    public static Problem of(Reason reason, Object... arguments) {
        return new Problem(reason.kind(), reason, Arrays.stream(arguments).map(String::valueOf).toList(), null);
    }

    public static Problem throttled(Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
        return new Problem(Kind.RATE_LIMITED, Reason.RATE_LIMITED, List.of(String.valueOf(seconds)), Duration.ofSeconds(seconds));
    }

    public static Problem unavailable(Duration retryAfter) {
        return new Problem(Kind.SERVICE_UNAVAILABLE, Reason.UNAVAILABLE, List.of(), Duration.ofSeconds(Math.max(1, retryAfter.toSeconds())));
    }

    /** The same reason reported as another kind: where a surface's reference answers it with another status. */
    public Problem as(Kind other) {
        return new Problem(other, reason, arguments, retryAfter);
    }

    /** The English text, for logs and the surfaces that speak English. */
    public String message() {
        return reason.english(arguments);
    }

    public enum Kind {
        INVALID_INPUT,
        MALFORMED_REQUEST,
        PAYLOAD_TOO_LARGE,
        UNSUPPORTED_MEDIA_TYPE,
        NOT_ACCEPTABLE,
        METHOD_NOT_ALLOWED,
        UNKNOWN_APP,
        TENANT_MISMATCH,
        FORBIDDEN,
        ACCOUNT_EXISTS,
        BAD_CREDENTIALS,
        ACCOUNT_DISABLED,
        USER_NOT_FOUND,
        NOT_FOUND,
        INVALID_TOKEN,
        INVALID_API_KEY,
        INVALID_REFRESH_TOKEN,
        REFRESH_TOKEN_REUSED,
        INVALID_CODE,
        /** An external identity proof (a GitHub code or token) was refused by its issuer, or missing. */
        IDENTITY_REJECTED,
        LAST_LOGIN_METHOD,
        RATE_LIMITED,
        SERVICE_UNAVAILABLE,
        /** The external identity provider failed (an error status, an unreadable answer). */
        UPSTREAM_FAILED,
        /** The external identity provider could not be reached, or did not answer in time. */
        UPSTREAM_UNAVAILABLE,
        INTERNAL_ERROR
    }

    /** Thrown only where a surface reads its request, and caught by the surface's error advice. */
    public static final class Raised extends RuntimeException {

        private final transient Problem problem;

        public Raised(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    public Raised raise() {
        return new Raised(this);
    }
}
