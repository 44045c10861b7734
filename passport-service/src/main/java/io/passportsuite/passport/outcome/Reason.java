package io.passportsuite.passport.outcome;

import java.util.List;

/**
 * Why exactly a request could not be served: a stable key that surfaces render in their own
 * format and language. Each reason belongs to a {@link Problem.Kind} (which decides the status
 * and error code) and carries its English text, with {@code %s} where the problem's arguments go;
 * a surface that speaks another language renders the key, never this text.
 */
public enum Reason {

    // Reading the request
    BODY_NOT_OBJECT(Problem.Kind.INVALID_INPUT, "request body must be a JSON object"),
    BODY_MALFORMED(Problem.Kind.MALFORMED_REQUEST, "request body is missing or is not valid JSON of the expected shape"),
    BODY_TOO_LARGE(Problem.Kind.PAYLOAD_TOO_LARGE, "request body too large"),
    REQUEST_LINE_MALFORMED(Problem.Kind.MALFORMED_REQUEST, "the request line or path is malformed"),
    FIELD_REQUIRED(Problem.Kind.INVALID_INPUT, "%s is required"),
    FIELD_NOT_STRING(Problem.Kind.INVALID_INPUT, "%s must be a string"),
    FIELD_TOO_LONG(Problem.Kind.INVALID_INPUT, "%s is too long"),
    FIELD_NOT_NULL(Problem.Kind.INVALID_INPUT, "%s must not be null"),
    FIELD_NOT_INTEGER(Problem.Kind.INVALID_INPUT, "%s must be an integer"),
    TEXT_UNSTORABLE(Problem.Kind.INVALID_INPUT, "%s contains a NUL character or an unpaired surrogate"),
    QUERY_NOT_UTF8(Problem.Kind.INVALID_INPUT, "the query string is not valid UTF-8"),
    PARAMETER_MALFORMED(Problem.Kind.INVALID_INPUT, "a path or query parameter is missing or malformed"),
    USER_ID_MALFORMED(Problem.Kind.INVALID_INPUT, "userId must be a UUID"),
    USER_ID_MISMATCH(Problem.Kind.INVALID_INPUT, "userId in the body must match the path"),
    NO_SUCH_ENDPOINT(Problem.Kind.NOT_FOUND, "no such endpoint"),
    METHOD_NOT_ALLOWED(Problem.Kind.METHOD_NOT_ALLOWED, "method not allowed on this endpoint"),
    MEDIA_TYPE_UNSUPPORTED(Problem.Kind.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json"),
    NOT_ACCEPTABLE(Problem.Kind.NOT_ACCEPTABLE, "this endpoint answers application/json"),
    INTERNAL_ONLY(Problem.Kind.FORBIDDEN, "internal endpoint"),

    // Contacts and profile fields
    EMAIL_INVALID(Problem.Kind.INVALID_INPUT, "%s is not a valid email address"),
    PHONE_INVALID(Problem.Kind.INVALID_INPUT, "%s must be an international phone number such as +8613800138000"),
    CONTACT_TYPE_INVALID(Problem.Kind.INVALID_INPUT, "contact_type must be phone or email"),
    IDENTIFIER_NOT_CONTACT(Problem.Kind.INVALID_INPUT, "identifier must be an email address or a phone number"),
    USERNAME_INVALID(Problem.Kind.INVALID_INPUT, "username must be 1-50 letters, digits or underscores"),
    NICKNAME_INVALID(Problem.Kind.INVALID_INPUT, "nickname must be 1-50 characters"),
    INVITE_CODE_INVALID(Problem.Kind.INVALID_INPUT, "inviteCode must be 1-64 characters"),
    AVATAR_INVALID(Problem.Kind.INVALID_INPUT, "avatar must be an http(s) URL of at most 2048 characters"),
    SIGNATURE_INVALID(Problem.Kind.INVALID_INPUT, "signature must be at most 200 characters"),

    // Passwords
    PASSWORD_REQUIRED(Problem.Kind.INVALID_INPUT, "password is required"),
    PASSWORD_LENGTH(Problem.Kind.INVALID_INPUT, "password must be %s-%s characters"),
    PASSWORD_LETTER_AND_DIGIT(Problem.Kind.INVALID_INPUT, "password must contain a letter and a digit"),
    PASSWORD_OR_CAPTCHA_REQUIRED(Problem.Kind.INVALID_INPUT, "password (or captcha, for a login code) is required"),

    // Accounts
    USERNAME_TAKEN(Problem.Kind.ACCOUNT_EXISTS, "username already exists"),
    EMAIL_TAKEN(Problem.Kind.ACCOUNT_EXISTS, "email already registered"),
    PHONE_TAKEN(Problem.Kind.ACCOUNT_EXISTS, "phone already registered"),
    NO_FREE_USERNAME(Problem.Kind.ACCOUNT_EXISTS, "could not find a free username; choose one"),
    USER_NOT_FOUND(Problem.Kind.USER_NOT_FOUND, "no such user"),
    PAGING_INVALID(Problem.Kind.INVALID_INPUT, "limit must be %s-%s and offset at least 0"),
    CURSOR_INVALID(Problem.Kind.INVALID_INPUT, "after must be a next cursor of an earlier page"),
    CURSOR_WITH_OFFSET(Problem.Kind.INVALID_INPUT, "page by offset or after a cursor, not both"),
    SEARCH_INVALID(Problem.Kind.INVALID_INPUT, "q must be 1-%s characters"),
    FILTER_INVALID(Problem.Kind.INVALID_INPUT, "%s must be true or false"),
    ROLE_INVALID(Problem.Kind.INVALID_INPUT, "role must be 1 (user) or 9 (administrator)"),
    SESSION_NOT_FOUND(Problem.Kind.NOT_FOUND, "no such session of this user"),

    // Logging in
    IDENTIFIER_REQUIRED(Problem.Kind.INVALID_INPUT, "account identifier is required"),
    WRONG_CREDENTIALS(Problem.Kind.BAD_CREDENTIALS, "wrong account or password"),
    OLD_PASSWORD_WRONG(Problem.Kind.BAD_CREDENTIALS, "the old password is wrong"),
    ACCOUNT_DISABLED(Problem.Kind.ACCOUNT_DISABLED, "this account is disabled"),
    PASSWORD_LOGIN_NOT_ALLOWED(Problem.Kind.INVALID_INPUT, "this app does not allow password login"),
    ADMIN_LOGIN_FAILED(Problem.Kind.BAD_CREDENTIALS, "wrong administrator account or password"),
    CODE_LOGIN_NOT_ALLOWED(Problem.Kind.INVALID_INPUT, "this app does not allow login with a code"),

    // GitHub login
    GITHUB_LOGIN_NOT_ALLOWED(Problem.Kind.INVALID_INPUT, "this app does not allow GitHub login"),
    GITHUB_NOT_CONFIGURED(Problem.Kind.INVALID_INPUT, "GitHub login is not configured for this app"),
    GITHUB_PROOF_REQUIRED(Problem.Kind.IDENTITY_REJECTED,
            "send a GitHub authorization code (with state and redirect_uri) or a GitHub access_token; user fields alone prove nothing"),
    GITHUB_STATE_INVALID(Problem.Kind.IDENTITY_REJECTED, "state is missing, expired, used, or was not issued for this redirect_uri"),
    GITHUB_CODE_REJECTED(Problem.Kind.IDENTITY_REJECTED, "GitHub refused the authorization code (%s)"),
    GITHUB_TOKEN_REJECTED(Problem.Kind.IDENTITY_REJECTED, "GitHub does not know this access token as one issued to this app"),
    GITHUB_FAILED(Problem.Kind.UPSTREAM_FAILED, "GitHub answered with an error; try again later"),
    GITHUB_UNREACHABLE(Problem.Kind.UPSTREAM_UNAVAILABLE, "GitHub could not be reached in time; try again later"),
    REDIRECT_URI_NOT_ALLOWED(Problem.Kind.INVALID_INPUT, "redirect_uri is not one of this app's GitHub redirect URIs"),
    IDENTITY_ALREADY_LINKED(Problem.Kind.ACCOUNT_EXISTS, "this GitHub account is already linked to another user"),
    GITHUB_NOT_LINKED(Problem.Kind.NOT_FOUND, "no GitHub account is linked to this user"),
    GITHUB_LAST_LOGIN_METHOD(Problem.Kind.LAST_LOGIN_METHOD, "GitHub is this account's only way to log in: set a password first"),
    GITHUB_CLIENT_ID_INVALID(Problem.Kind.INVALID_INPUT, "github.client_id must be 1-100 visible characters"),
    GITHUB_CLIENT_SECRET_INVALID(Problem.Kind.INVALID_INPUT, "github.client_secret must be 1-200 visible characters, and is required to configure GitHub"),
    GITHUB_REDIRECT_URIS_INVALID(Problem.Kind.INVALID_INPUT, "github.redirect_uris must be 1-20 absolute http(s) URLs without a fragment"),
    GITHUB_BASE_URL_INVALID(Problem.Kind.INVALID_INPUT, "%s must be an absolute http(s) URL without query or fragment"),
    GITHUB_BASE_URL_NOT_HTTPS(Problem.Kind.INVALID_INPUT, "%s must be an https URL (http only on a loopback host: 127.0.0.1, localhost, ::1)"),
    GITHUB_CLIENT_SECRET_REQUIRED(Problem.Kind.INVALID_INPUT,
            "github.client_secret is required in the same request to change github.client_id, github.web_base_url or github.api_base_url"),

    // One-time codes
    CODE_INVALID(Problem.Kind.INVALID_CODE, "the code is wrong, expired or used"),
    EMAIL_CODE_REQUIRED(Problem.Kind.INVALID_INPUT,
            "email_verification_code is required with an email; request one at /auth/send-email-verification"),
    CAPTCHA_REQUIRED(Problem.Kind.INVALID_INPUT, "this app requires captcha: request one with scene captcha_register"),
    SCENE_INVALID(Problem.Kind.INVALID_INPUT, "scene must be captcha_register, captcha_login or captcha_reset_password"),
    NO_LIVE_CODE(Problem.Kind.NOT_FOUND, "no live code was sent to this email"),

    // Tokens and sessions
    BEARER_TOKEN_REQUIRED(Problem.Kind.INVALID_TOKEN, "send the access token as Authorization: Bearer <token>"),
    TOKEN_REQUIRED(Problem.Kind.INVALID_TOKEN, "token is required"),
    TOKEN_INVALID(Problem.Kind.INVALID_TOKEN, "token is invalid or expired"),
    REFRESH_TOKEN_INVALID(Problem.Kind.INVALID_REFRESH_TOKEN, "refresh token is invalid or expired"),
    REFRESH_TOKEN_REUSED(Problem.Kind.REFRESH_TOKEN_REUSED, "refresh token was already used; the session is revoked, log in again"),

    // Apps and keys
    API_KEY_REQUIRED(Problem.Kind.INVALID_API_KEY, "send a valid API key as Authorization: Bearer <api_key>"),
    API_KEY_UNKNOWN(Problem.Kind.INVALID_API_KEY, "unknown or revoked API key"),
    TENANT_MISMATCH(Problem.Kind.TENANT_MISMATCH, "the API key does not belong to app_id %s"),
    APP_UNKNOWN(Problem.Kind.UNKNOWN_APP, "no app %s"),
    DEFAULT_APP_MISSING(Problem.Kind.UNKNOWN_APP, "the default app is not configured"),
    APP_EXISTS(Problem.Kind.ACCOUNT_EXISTS, "app %s exists already"),
    APP_ID_INVALID(Problem.Kind.INVALID_INPUT, "app_id must be 1-64 of a-z, 0-9, '_' and '-', starting with a letter or digit"),
    APP_NAME_INVALID(Problem.Kind.INVALID_INPUT, "name must be 1-100 characters"),
    PASSWORD_LENGTHS_INVALID(Problem.Kind.INVALID_INPUT, "password lengths must satisfy 1 <= min <= max <= 128"),
    ACCESS_TOKEN_LIFETIME_INVALID(Problem.Kind.INVALID_INPUT, "access token lifetime must be 60-86400 seconds"),
    REFRESH_TOKEN_LIFETIME_INVALID(Problem.Kind.INVALID_INPUT, "refresh token lifetime must be 300-31536000 seconds"),
    LOGIN_METHODS_INVALID(Problem.Kind.INVALID_INPUT, "login_methods must be a non-empty subset of %s"),
    REFRESH_SHORTER_THAN_ACCESS(Problem.Kind.INVALID_INPUT, "refresh token lifetime must be at least the access token lifetime"),
    PLATFORM_APP_NEEDS_PASSWORD(Problem.Kind.INVALID_INPUT,
            "login_methods of the platform app must include %s: administrators log in with it"),
    API_KEY_FORMAT_INVALID(Problem.Kind.INVALID_INPUT, "api_key must be %s-%s visible ASCII characters without spaces"),
    KEY_LABEL_INVALID(Problem.Kind.INVALID_INPUT, "label must be at most 100 characters"),
    API_KEY_EXISTS(Problem.Kind.ACCOUNT_EXISTS, "this key is already registered"),
    API_KEY_NOT_FOUND(Problem.Kind.NOT_FOUND, "no active key %s in app %s"),

    // Limits and availability
    RATE_LIMITED(Problem.Kind.RATE_LIMITED, "too many requests; retry in %s s"),
    UNAVAILABLE(Problem.Kind.SERVICE_UNAVAILABLE, "temporarily unavailable, retry shortly"),
    INTERNAL(Problem.Kind.INTERNAL_ERROR, "internal error");

    private final Problem.Kind kind;
    private final String english;

    Reason(Problem.Kind kind, String english) {
        this.kind = kind;
        this.english = english;
    }

    public Problem.Kind kind() {
        return kind;
    }

    /** The English text with {@code arguments} in place. */
    public String english(List<String> arguments) {
        return arguments.isEmpty() ? english : english.formatted(arguments.toArray());
    }

    /** The text with {@code %s} placeholders, for surfaces that render their own. */
    public String englishTemplate() {
        return english;
    }
}
