package io.passportsuite.passport.web;

import java.util.Locale;

import org.springframework.http.HttpHeaders;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The language messages sent to a user are written in: the two the suite's templates have,
 * chosen by the client's {@code Accept-Language}, else the surface's own language.
 */
public final class Locales {

    public static final String ENGLISH = "en";
    public static final String CHINESE = "zh-CN";

    private Locales() {
    }

    public static String preferred(HttpServletRequest request, String surfaceDefault) {
        String accept = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (accept == null) {
            return surfaceDefault;
        }
        String first = accept.strip().toLowerCase(Locale.ROOT);
        if (first.startsWith("en")) {
            return ENGLISH;
        }
        if (first.startsWith("zh")) {
            return CHINESE;
        }
        return surfaceDefault;
    }
}
