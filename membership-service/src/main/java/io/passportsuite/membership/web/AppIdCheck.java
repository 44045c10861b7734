package io.passportsuite.membership.web;

import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.passportsuite.common.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An app named in a path ({@code /internal/apps/{appId}/...}) is named as passport names apps: a
 * 3,000-character or oddly spelled id is refused before it reaches a use case or the database.
 */
@Configuration(proxyBeanMethods = false)
class AppIdCheck implements WebMvcConfigurer, HandlerInterceptor {

    /** Passport's rule for app ids. */
    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("appId") instanceof String appId && !APP_ID.matcher(appId).matches()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "appId must be 1-64 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        return true;
    }
}
