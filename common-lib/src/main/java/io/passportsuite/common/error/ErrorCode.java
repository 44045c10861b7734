package io.passportsuite.common.error;

/**
 * The suite's stable error codes and the HTTP status each maps to. Codes are part of the public
 * contract of every surface: they may be added, never renamed. The documented ones come from the
 * API references the suite implements; the rest are the suite's own for cases those leave open.
 */
public enum ErrorCode {

    // Request shape
    MALFORMED_REQUEST(400),
    VALIDATION_FAILED(400),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    METHOD_NOT_ALLOWED(405),
    NOT_FOUND(404),

    // Authentication and authorisation
    UNAUTHORIZED(401),
    INVALID_TOKEN(401),
    INVALID_API_KEY(401),
    FORBIDDEN(403),
    TENANT_MISMATCH(403),
    UNKNOWN_APP(404),

    // Accounts and sessions (plain-JSON surfaces)
    ACCOUNT_EXISTS(409),
    INVALID_CREDENTIALS(401),
    ACCOUNT_DISABLED(403),
    USER_NOT_FOUND(404),
    INVALID_REFRESH_TOKEN(401),
    REFRESH_TOKEN_REUSED(401),
    INVALID_CODE(400),
    /** Removing this way to log in would leave the account with none (unlinking its only sign-in). */
    LAST_LOGIN_METHOD(409),

    // Memberships and invite codes (chat surface, and the gateway for capability-guarded routes)
    CAPABILITY_REQUIRED(403),
    INVITE_NOT_FOUND(404),
    INVITE_EXPIRED(410),
    INVITE_REVOKED(410),
    INVITE_EXHAUSTED(409),
    INVITE_ALREADY_REDEEMED(409),
    INVITE_QUOTA_EXCEEDED(403),

    // Documented by the Pixel Game Server reference (envelope surface)
    LOGIN_FAILED(401),
    REGISTER_FAILED(409),
    GITHUB_OAUTH_FAILED(401),
    SEND_CODE_FAILED(400),
    RESET_PASSWORD_FAILED(400),
    CHANGE_PASSWORD_FAILED(400),
    ADMIN_LOGIN_FAILED(401),
    ADMIN_USERS_FAILED(400),
    ADMIN_OPERATION_FAILED(400),
    /** A verification code returned in the response: only in an explicit dev/test mode. */
    TEST_MODE_ONLY(206),

    // Uploads (asset surface)
    /** The bytes are of an allowed type but cannot be decoded as an image. */
    INVALID_IMAGE(422),
    /** The image's header declares more pixels than the service decodes. */
    IMAGE_DIMENSIONS_EXCEEDED(422),
    /** The app's stored files would exceed its storage quota. */
    STORAGE_QUOTA_EXCEEDED(413),

    // Limits and availability
    /** The client did not finish sending its request in time (an upload sent too slowly). */
    REQUEST_TIMEOUT(408),
    RATE_LIMITED(429),
    SERVICE_UNAVAILABLE(503),
    /** A service the request depends on outside the suite (GitHub) answered with an error or nonsense. */
    UPSTREAM_FAILED(502),
    GATEWAY_TIMEOUT(504),
    INTERNAL_ERROR(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
