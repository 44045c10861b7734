package io.passportsuite.admin.membership;

/**
 * How a call to membership ended. {@link Refused} is membership's decision about the request (a
 * field out of bounds, no such tier or invite); {@link Unavailable} is everything that says
 * nothing about it: membership unreachable, too slow, failing, or refusing the suite's credential.
 */
public sealed interface MembershipReply<T> {

    record Answered<T>(T value) implements MembershipReply<T> {
    }

    /** {@code error}: membership's error code; {@code message}: its English reason. */
    record Refused<T>(int status, String error, String message) implements MembershipReply<T> {
    }

    record Unavailable<T>(String why) implements MembershipReply<T> {
    }
}
