package io.passportsuite.admin.activity;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** One thing a user did: {@code type} as in {@code logged_in}, {@code detail} without secrets. */
public record ActivityEntry(long id, String type, Instant occurredAt, JsonNode detail) {
}
