package io.passportsuite.passport.outcome;

/**
 * Why a request could not be served, in terms every surface can map to its own codes.
 * {@code retryAfter} is set when trying again later will help (throttling).
 */
public record Problem(Kind kind, String message, java.time.Duration retryAfter) {

    public Problem(Kind kind, String message) {
        this(kind, message, null);
    }

    public static Problem throttled(java.time.Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
        return new Problem(Kind.RATE_LIMITED, "too many requests; retry in " + seconds + " s", java.time.Duration.ofSeconds(seconds));
    }

    public enum Kind {
        INVALID_INPUT,
        UNKNOWN_APP,
        TENANT_MISMATCH,
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
        RATE_LIMITED
    }

    public static Problem invalid(String message) {
        return new Problem(Kind.INVALID_INPUT, message);
    }

    /** Thrown only where a surface reads its request, and caught by that surface's advice. */
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
