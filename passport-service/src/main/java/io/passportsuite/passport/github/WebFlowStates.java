package io.passportsuite.passport.github;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.passportsuite.common.digest.Sha256;

/**
 * The {@code state} of each web flow begun: random, bound to the app and the redirect URI it was
 * issued for, short-lived, and good for one login attempt (the first presentation spends it,
 * whether it matches or not). Only its hash is stored.
 */
@Repository
class WebFlowStates {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WebFlowStates(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    String issue(String appId, String redirectUri, Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // Abandoned flows leave their states behind: the expired ones go as new ones come.
        jdbc.sql("DELETE FROM github_oauth_state WHERE expires_at < :now").param("now", Timestamp.from(clock.instant())).update();
        jdbc.sql("INSERT INTO github_oauth_state (state_hash, app_id, redirect_uri, expires_at) VALUES (:hash, :appId, :uri, :expiresAt)")
                .param("hash", hash(state))
                .param("appId", appId)
                .param("uri", redirectUri)
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
        return state;
    }

    /** Whether {@code state} was issued for this app and redirect URI and is still live; spent either way. */
    boolean consume(String appId, String state, String redirectUri) {
        if (state == null || state.isEmpty() || state.length() > 100) {
            return false;
        }
        Optional<Issued> issued = jdbc.sql("DELETE FROM github_oauth_state WHERE state_hash = :hash RETURNING app_id, redirect_uri, expires_at")
                .param("hash", hash(state))
                .query((rs, row) -> new Issued(rs.getString("app_id"), rs.getString("redirect_uri"), rs.getTimestamp("expires_at").toInstant()))
                .optional();
        return issued.isPresent() && issued.get().appId().equals(appId) && issued.get().redirectUri().equals(redirectUri)
                && issued.get().expiresAt().isAfter(clock.instant());
    }

    private record Issued(String appId, String redirectUri, Instant expiresAt) {
    }

    private static String hash(String state) {
        return Sha256.hex(state);
    }
}
