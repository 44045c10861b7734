package io.passportsuite.admin.passport;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A key just issued: {@code apiKey} is its secret, available in this answer and never again. */
public record IssuedApiKey(UUID id, @JsonProperty("app_id") String appId, String prefix, @JsonProperty("api_key") String apiKey) {
}
