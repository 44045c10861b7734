package io.passportsuite.admin.passport;

/**
 * How a call to passport ended. {@link Refused} is passport's decision about the request (wrong
 * password, unknown user, a password its policy refuses, too many attempts); {@link Unavailable}
 * is everything that says nothing about the request: passport unreachable, too slow, failing, or
 * refusing the suite's own credential, which is a misconfiguration and never the caller's fault.
 */
public sealed interface PassportReply<T> {

    record Answered<T>(T value) implements PassportReply<T> {
    }

    /** {@code error}: passport's error code; {@code retryAfter}: its {@code Retry-After}, or null. */
    record Refused<T>(int status, String error, String message, String retryAfter) implements PassportReply<T> {
    }

    /**
     * {@code outcomeUnknown}: the request may have reached passport and been acted on (a read
     * timeout, a 5xx), as opposed to one that never got there (connection refused) or that passport
     * turned away unread (the suite's credential refused). A change whose outcome is unknown is
     * audited as such: passport may have done it.
     */
    record Unavailable<T>(String why, boolean outcomeUnknown) implements PassportReply<T> {

        public Unavailable(String why) {
            this(why, false);
        }
    }

    /** Whether passport may have done what was asked, though no answer says so. */
    default boolean outcomeUnknown() {
        return this instanceof Unavailable<T> unavailable && unavailable.outcomeUnknown();
    }

    /** A reply that is no answer, as a reply of another type: a call that failed ends what depended on it. */
    static <U> PassportReply<U> sameFailure(PassportReply<?> reply) {
        return switch (reply) {
            case Refused<?>(int status, String error, String message, String retryAfter) ->
                    new Refused<>(status, error, message, retryAfter);
            case Unavailable<?>(String why, boolean outcomeUnknown) -> new Unavailable<>(why, outcomeUnknown);
            case Answered<?> answered -> throw new IllegalArgumentException("an answer is no failure");
        };
    }
}
