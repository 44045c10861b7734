package io.passportsuite.gateway.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.passportsuite.gateway.security.SecurityProperties.Access;
import io.passportsuite.gateway.security.SecurityProperties.RouteRule;

/** What a request needs: the first configured rule that matches its path and method decides. */
final class RoutePolicy {

    /**
     * The access a request needs and, on some {@code user} and {@code admin} routes, a capability
     * its token must carry (null when none).
     */
    record Requirement(Access access, String capability) {

        static final Requirement DENIED = new Requirement(Access.DENY, null);
        static final Requirement PUBLIC = new Requirement(Access.PUBLIC, null);
    }

    private record CompiledRule(PathPattern pattern, RouteRule rule, Requirement requirement) {
    }

    private final List<CompiledRule> rules;

    RoutePolicy(List<RouteRule> rules) {
        PathPatternParser parser = new PathPatternParser();
        this.rules = rules.stream()
                .map(rule -> new CompiledRule(parser.parse(rule.path()), rule, new Requirement(rule.access(), rule.capability())))
                .toList();
    }

    /** {@code path} is decoded and normalised (see {@link RequestPaths}); unmatched paths are denied. */
    Requirement requirementFor(HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (CompiledRule compiled : rules) {
            RouteRule rule = compiled.rule();
            if ((rule.methods().isEmpty() || rule.methods().contains(method)) && compiled.pattern().matches(container)) {
                return compiled.requirement();
            }
        }
        return Requirement.DENIED;
    }

    Access accessFor(HttpMethod method, String path) {
        return requirementFor(method, path).access();
    }
}
