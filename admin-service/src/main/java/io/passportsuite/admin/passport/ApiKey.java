package io.passportsuite.admin.passport;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An app's API key as passport lists it: never the secret, which passport does not keep. */
public record ApiKey(UUID id, String prefix, String label, @JsonProperty("created_at") String createdAt,
        @JsonProperty("revoked_at") String revokedAt) {
}
