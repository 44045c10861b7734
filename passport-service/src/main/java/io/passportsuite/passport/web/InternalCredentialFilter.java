package io.passportsuite.passport.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /internal/**} is for the suite's own services: the gateway never routes it, and a caller
 * that reaches the port directly must also present the shared internal credential. Without a
 * configured credential the internal API is closed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class InternalCredentialFilter extends OncePerRequestFilter {

    private final InternalCredential credential;
    private final JsonMapper json;

    private final ProblemResponders responders;

    InternalCredentialFilter(InternalCredential credential, JsonMapper json, ProblemResponders responders) {
        this.responders = responders;
        this.credential = credential;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // On the resolved path, not the raw one: /internal;x/apps and /%69nternal/apps reach the same controllers.
        return !InternalPath.of(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The gateway names the client it routes for (X-Passport-Client-Ip) on every routed request and
        // on none of its own calls: a request made on a client's behalf is never internal, whatever
        // credential it carries, so no route or path rewrite at the edge can make a client internal.
        if (!credential.presentedBy(request) || request.getHeader(SuiteHeaders.CLIENT_IP) != null) {
            var error = responders.failure(request, Problem.of(Reason.INTERNAL_ONLY));
            response.setStatus(error.getStatusCode().value());
            response.setContentType("application/json");
            json.writeValue(response.getOutputStream(), error.getBody());
            return;
        }
        chain.doFilter(request, response);
    }
}
