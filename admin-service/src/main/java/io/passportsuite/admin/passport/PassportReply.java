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

    record Unavailable<T>(String why) implements PassportReply<T> {
    }

    /** A reply that is no answer, as a reply of another type: a call that failed ends what depended on it. */
    static <U> PassportReply<U> sameFailure(PassportReply<?> reply) {
        return switch (reply) {
            case Refused<?>(int status, String error, String message, String retryAfter) ->
                    new Refused<>(status, error, message, retryAfter);
            case Unavailable<?>(String why) -> new Unavailable<>(why);
            case Answered<?> answered -> throw new IllegalArgumentException("an answer is no failure");
        };
    }
}
