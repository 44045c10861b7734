package io.passportsuite.admin.asset;

/**
 * How a call to asset-service ended. {@link Refused} is asset-service's decision about the request
 * (a setting out of bounds); {@link Unavailable} is everything that says nothing about it:
 * asset-service unreachable, too slow, failing, or refusing the suite's credential.
 */
public sealed interface AssetReply<T> {

    record Answered<T>(T value) implements AssetReply<T> {
    }

    /** {@code error}: asset-service's error code; {@code message}: its English reason. */
    record Refused<T>(int status, String error, String message) implements AssetReply<T> {
    }

    /**
     * {@code outcomeUnknown}: the request may have reached asset-service and been acted on (a read
     * timeout, a 5xx), as opposed to one that never got there or was turned away unread.
     */
    record Unavailable<T>(String why, boolean outcomeUnknown) implements AssetReply<T> {
    }
}
