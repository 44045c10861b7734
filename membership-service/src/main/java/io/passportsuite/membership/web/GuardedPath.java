package io.passportsuite.membership.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

import org.springframework.web.util.UriUtils;

import io.passportsuite.common.web.Surface;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The surface a request is for, decided on the path as the container and Spring MVC resolve it,
 * not on its raw spelling: {@code /internal;x/apps}, {@code /%69nternal/apps} and
 * {@code /a/../internal/apps} all reach the internal controllers.
 */
final class GuardedPath {

    private GuardedPath() {
    }

    /** The guarded surface ({@code api}, {@code admin}, {@code internal}) of the request, if any. */
    static Optional<Surface> of(HttpServletRequest request) {
        String servletPath = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<Surface> byUri = surfaceOf(request.getRequestURI());
        return byUri.isPresent() ? byUri : surfaceOf(servletPath);
    }

    /** A path that cannot be decoded counts as internal: the container refuses such paths anyway. */
    static Optional<Surface> surfaceOf(String rawPath) {
        if (rawPath == null) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        try {
            for (String raw : rawPath.split("/")) {
                for (String segment : decoded(withoutParameters(raw)).split("/")) {
                    String plain = withoutParameters(segment);
                    if (plain.isEmpty() || plain.equals(".")) {
                        continue;
                    }
                    if (plain.equals("..")) {
                        segments.pollLast();
                    } else {
                        segments.addLast(plain);
                    }
                }
            }
        } catch (IllegalArgumentException undecodable) {
            return Optional.of(Surface.INTERNAL);
        }
        String first = segments.isEmpty() ? "" : segments.peekFirst().strip().toLowerCase(Locale.ROOT);
        return switch (first) {
            case "api" -> Optional.of(Surface.CHAT);
            case "admin" -> Optional.of(Surface.ENVELOPE);
            case "internal" -> Optional.of(Surface.INTERNAL);
            default -> Optional.empty();
        };
    }

    private static String withoutParameters(String segment) {
        int semicolon = segment.indexOf(';');
        return semicolon < 0 ? segment : segment.substring(0, semicolon);
    }

    private static String decoded(String segment) {
        String current = segment;
        for (int i = 0; i < 5 && current.indexOf('%') >= 0; i++) {
            String next = UriUtils.decode(current, StandardCharsets.UTF_8);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }
}
