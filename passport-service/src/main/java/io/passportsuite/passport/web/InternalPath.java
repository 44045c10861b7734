package io.passportsuite.passport.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import org.springframework.web.util.UriUtils;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request is for {@code /internal/**}, decided on the path as the container and Spring
 * MVC resolve it, not on its raw spelling: {@code /internal;x/apps}, {@code /%69nternal/apps},
 * {@code //internal/apps} and {@code /a/../internal/apps} all reach the internal controllers.
 */
final class InternalPath {

    private static final String PREFIX = "internal";

    private InternalPath() {
    }

    static boolean of(HttpServletRequest request) {
        String servletPath = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return isInternal(request.getRequestURI()) || isInternal(servletPath);
    }

    /**
     * Path parameters dropped, percent-decoding repeated until nothing changes, empty and
     * {@code .} segments dropped, {@code ..} resolved, case ignored. A path that cannot be decoded
     * counts as internal: the container refuses such paths anyway, and nothing is lost by refusing.
     */
    static boolean isInternal(String rawPath) {
        if (rawPath == null) {
            return false;
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
            return true;
        }
        String first = segments.peekFirst();
        return first != null && first.strip().toLowerCase(Locale.ROOT).equals(PREFIX);
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
