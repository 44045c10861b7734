package io.passportsuite.gateway.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.passportsuite.gateway.security.SecurityProperties.Access;
import io.passportsuite.gateway.security.SecurityProperties.RouteRule;

/** Which access a request needs: the first configured rule that matches its path and method decides. */
final class RoutePolicy {

    private record CompiledRule(PathPattern pattern, RouteRule rule) {
    }

    private final List<CompiledRule> rules;

    RoutePolicy(List<RouteRule> rules) {
        PathPatternParser parser = new PathPatternParser();
        this.rules = rules.stream().map(rule -> new CompiledRule(parser.parse(rule.path()), rule)).toList();
    }

    /** {@code path} is decoded and normalised (see {@link RequestPaths}); unmatched paths are denied. */
    Access accessFor(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (CompiledRule compiled : rules) {
            RouteRule rule = compiled.rule();
            if ((rule.methods().isEmpty() || rule.methods().contains(method)) && compiled.pattern().matches(container)) {
                return rule.access();
            }
        }
        return Access.DENY;
    }
}
