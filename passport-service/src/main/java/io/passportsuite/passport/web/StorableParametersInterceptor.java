package io.passportsuite.passport.web;

import java.util.Enumeration;
import java.util.Map;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The rest of a request that can reach the database, path variables, query parameters and
 * headers, checked for text it cannot hold ({@link StorableText}) before any controller runs.
 */
class StorableParametersInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> StorableText.require("path variable " + name, (String) value));
        }
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Tomcat cannot decode the query string (e.g. an encoded lone surrogate is not UTF-8).
            throw Problem.of(Reason.QUERY_NOT_UTF8).raise();
        }
        parameters.forEach((name, values) -> {
            StorableText.require("a query parameter name", name);
            for (String value : values) {
                StorableText.require("query parameter " + name, value);
            }
        });
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements();) {
                StorableText.require("header " + name, values.nextElement());
            }
        }
        return true;
    }
}
