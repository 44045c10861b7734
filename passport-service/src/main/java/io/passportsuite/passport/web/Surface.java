package io.passportsuite.passport.web;

/**
 * The API surfaces passport serves, told apart by path, each with its own error format: the
 * canonical and chat APIs and the internal one answer plain JSON, the Pixel Game Server API
 * answers its envelope.
 */
public enum Surface {
    CANONICAL,
    ENVELOPE,
    CHAT,
    INTERNAL,
    OTHER;

    public static Surface of(String path) {
        if (path.startsWith("/auth/v1/") || path.equals("/auth/v1")) {
            return CANONICAL;
        }
        if (path.startsWith("/auth/") || path.startsWith("/admin/")) {
            return ENVELOPE;
        }
        if (path.startsWith("/api/")) {
            return CHAT;
        }
        if (path.startsWith("/internal/")) {
            return INTERNAL;
        }
        return OTHER;
    }

    public boolean usesEnvelope() {
        return this == ENVELOPE;
    }
}
