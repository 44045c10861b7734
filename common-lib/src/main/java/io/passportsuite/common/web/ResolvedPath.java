package io.passportsuite.common.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * The first segment of a request path as the container and Spring MVC resolve it, not as the
 * client spelled it: {@code /internal;x/apps}, {@code /%69nternal/apps}, {@code //internal/apps}
 * and {@code /a/../internal/apps} all start with {@code internal}. What a service guards by path
 * prefix (its internal API, its surfaces) it decides on this, so no spelling slips past the guard.
 */
public final class ResolvedPath {

    private static final int MAX_DECODING_ROUNDS = 5;

    private ResolvedPath() {
    }

    /** The outcome: the first segment, lower case ({@code ""} for {@code /}), or a path that cannot be decoded. */
    public sealed interface FirstSegment {

        record Named(String segment) implements FirstSegment {
        }

        /** The container refuses such paths anyway; a guard refuses them too. */
        record Undecodable() implements FirstSegment {
        }

        default boolean is(String segment) {
            return this instanceof Named(String named) && named.equals(segment);
        }
    }

    /**
     * Path parameters dropped, percent-decoding repeated until nothing changes, empty and
     * {@code .} segments dropped, {@code ..} resolved, case ignored.
     */
    public static FirstSegment firstSegmentOf(String rawPath) {
        if (rawPath == null) {
            return new FirstSegment.Named("");
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
            return new FirstSegment.Undecodable();
        }
        return new FirstSegment.Named(Optional.ofNullable(segments.peekFirst()).map(first -> first.strip().toLowerCase(Locale.ROOT))
                .orElse(""));
    }

    private static String withoutParameters(String segment) {
        int semicolon = segment.indexOf(';');
        return semicolon < 0 ? segment : segment.substring(0, semicolon);
    }

    /** Percent-decoding only: a {@code +} in a path is a plus, not a space. */
    private static String decoded(String segment) {
        String current = segment;
        for (int i = 0; i < MAX_DECODING_ROUNDS && current.indexOf('%') >= 0; i++) {
            String next = URLDecoder.decode(current.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }
}
