package io.passportsuite.passport.app;

import java.time.Instant;
import java.util.UUID;

/** What is known of an API key after it was issued: never the key itself, only its visible prefix. */
public record ApiKeyInfo(UUID id, String appId, String prefix, String label, Instant createdAt, Instant revokedAt) {
}
