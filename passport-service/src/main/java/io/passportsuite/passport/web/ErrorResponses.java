package io.passportsuite.passport.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.error.PlainError;

/** Renders an error in the format of the surface the request came in on. */
public final class ErrorResponses {

    /**
     * The envelope surface documents one failure code per endpoint ({@code LOGIN_FAILED},
     * {@code REGISTER_FAILED}...); its clients branch on those, so a malformed body on such an
     * endpoint is reported with the endpoint's code rather than a generic one.
     */
    private static final Map<String, ErrorCode> ENVELOPE_ENDPOINT_CODES = Map.of(
            "/auth/login", ErrorCode.LOGIN_FAILED,
            "/auth/register", ErrorCode.REGISTER_FAILED,
            "/auth/github", ErrorCode.GITHUB_OAUTH_FAILED,
            "/auth/forgot-password", ErrorCode.SEND_CODE_FAILED,
            "/auth/send-email-verification", ErrorCode.SEND_CODE_FAILED,
            "/auth/resend-email-verification", ErrorCode.SEND_CODE_FAILED,
            "/auth/reset-password", ErrorCode.RESET_PASSWORD_FAILED,
            "/auth/change-password", ErrorCode.CHANGE_PASSWORD_FAILED);

    private ErrorResponses() {
    }

    public static ResponseEntity<Object> of(String path, HttpStatus status, ErrorCode code, String message) {
        Surface surface = Surface.of(path);
        ErrorCode shown = surface.usesEnvelope() && status.is4xxClientError() && status != HttpStatus.NOT_FOUND
                && status != HttpStatus.TOO_MANY_REQUESTS && status != HttpStatus.METHOD_NOT_ALLOWED
                ? ENVELOPE_ENDPOINT_CODES.getOrDefault(path, code)
                : code;
        Object body = surface.usesEnvelope() ? Envelope.failure(shown, message) : PlainError.of(shown, message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    public static ResponseEntity<Object> of(String path, ErrorCode code, String message) {
        return of(path, HttpStatus.valueOf(code.httpStatus()), code, message);
    }
}
