package io.passportsuite.passport.web;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.passport.app.DefaultApp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Counts logins as their answers leave ({@code passport.logins}, by surface, app and outcome). It
 * reads the status each surface gave, after the surface mapped the use case's outcome (or a raised
 * problem) to it, so no surface and no use case has to remember to count. The app is the default
 * app on the surfaces that serve only it; the canonical surface names the API key's app in
 * {@link #APP_ATTRIBUTE} once the key is checked. Tags stay bounded: surfaces and outcomes are the
 * fixed lists below and apps are the tenants', never a user's identifier.
 */
public final class LoginMetrics {

    /** Request attribute: the app a canonical login was made for, once its API key is known. */
    public static final String APP_ATTRIBUTE = LoginMetrics.class.getName() + ".app";

    /** Before the key is checked (a missing or unknown key) there is no app to name. */
    static final String UNKNOWN_APP = "unknown";

    private LoginMetrics() {
    }

    /** The login routes of every surface, each under the name its counter carries. */
    static void register(InterceptorRegistry registry, MeterRegistry meters, DefaultApp defaultApp) {
        count(registry, meters, "canonical", "/auth/v1/login", null);
        count(registry, meters, "envelope", "/auth/login", defaultApp);
        count(registry, meters, "github", "/auth/github", defaultApp);
        count(registry, meters, "chat", "/api/auth/login", defaultApp);
        count(registry, meters, "chat_email_code", "/api/auth/email/verify", defaultApp);
    }

    private static void count(InterceptorRegistry registry, MeterRegistry meters, String surface, String path,
            DefaultApp defaultApp) {
        registry.addInterceptor(new Counting(meters, surface, defaultApp)).addPathPatterns(path);
    }

    /** success, failure (credentials or input refused), throttled (429) or error (the service could not answer). */
    static String outcomeOf(int status) {
        if (status >= 200 && status < 300) {
            return "success";
        }
        if (status == 429) {
            return "throttled";
        }
        return status >= 500 ? "error" : "failure";
    }

    private record Counting(MeterRegistry meters, String surface, DefaultApp defaultApp) implements HandlerInterceptor {

        @Override
        public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
            if (!"POST".equals(request.getMethod())) {
                return;
            }
            Counter.builder("passport.logins")
                    .description("Login attempts by surface, app and outcome")
                    .tag("surface", surface)
                    .tag("app", appOf(request))
                    .tag("outcome", outcomeOf(ex != null && response.getStatus() < 400 ? 500 : response.getStatus()))
                    .register(meters)
                    .increment();
        }

        private String appOf(HttpServletRequest request) {
            if (defaultApp != null) {
                return defaultApp.id();
            }
            return request.getAttribute(APP_ATTRIBUTE) instanceof String app ? app : UNKNOWN_APP;
        }
    }
}
