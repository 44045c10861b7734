package io.passportsuite.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of every answer on the envelope surface ({@code /auth/*}, {@code /admin/*}):
 * {@code {"success", "data", "message", "error_code"}}, as the Pixel Game Server reference
 * documents it. {@code data} is left out when there is none, as in its examples.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope<T>(
        boolean success,
        T data,
        String message,
        @JsonProperty("error_code") String errorCode) {

    public static <T> Envelope<T> ok(T data, String message) {
        return new Envelope<>(true, data, message, null);
    }

    public static Envelope<Void> ok(String message) {
        return new Envelope<>(true, null, message, null);
    }

    public static <T> Envelope<T> failure(ErrorCode code, String message) {
        return new Envelope<>(false, null, message, code.name());
    }

    public static <T> Envelope<T> failure(ErrorCode code, T data, String message) {
        return new Envelope<>(false, data, message, code.name());
    }
}
