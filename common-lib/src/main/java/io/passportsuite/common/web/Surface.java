package io.passportsuite.common.web;

import java.util.List;

/**
 * The API surfaces of the suite and which paths belong to each: the one declaration the gateway
 * (answering refusals of its own) and the services (answering their errors) both read, so a
 * client sees one error format per surface whoever refused its request.
 */
public enum Surface {
    /** AtSeeker Passport + Asset ({@code /auth/v1/*}, {@code /asset/v1/*}): plain {@code {"error","message"}}. */
    CANONICAL(false, "/auth/v1", "/asset/v1"),
    /** Pixel Game Server ({@code /auth/*}, {@code /admin/*}): {@code {success, data, message, error_code}}. */
    ENVELOPE(true, "/auth", "/admin"),
    /** The chat app ({@code /api/*}): plain {@code {"error","message"}}. */
    CHAT(false, "/api"),
    /** Service to service, never routed by the gateway. */
    INTERNAL(false, "/internal"),
    /** Anything else (actuator, well-known keys, unknown paths): plain JSON. */
    OTHER(false);

    /** Most specific first: {@code /auth/v1} must win over {@code /auth}. */
    private static final List<Surface> BY_SPECIFICITY = List.of(CANONICAL, CHAT, INTERNAL, ENVELOPE);

    private final boolean envelope;
    private final List<String> prefixes;

    Surface(boolean envelope, String... prefixes) {
        this.envelope = envelope;
        this.prefixes = List.of(prefixes);
    }

    /** The surface a request path belongs to: a prefix itself or anything below it. */
    public static Surface of(String path) {
        if (path == null) {
            return OTHER;
        }
        for (Surface surface : BY_SPECIFICITY) {
            for (String prefix : surface.prefixes) {
                if (path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
                    return surface;
                }
            }
        }
        return OTHER;
    }

    /** Whether errors on this surface are wrapped in the envelope rather than plain JSON. */
    public boolean usesEnvelope() {
        return envelope;
    }

    /** The path prefixes that belong to this surface. */
    public List<String> prefixes() {
        return prefixes;
    }
}
