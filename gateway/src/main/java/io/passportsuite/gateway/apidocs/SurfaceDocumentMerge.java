package io.passportsuite.gateway.apidocs;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One surface's document from the parts its services publish: paths and components put together,
 * and what only the gateway knows added to each operation: the security its route needs (public ones
 * {@code security: []}), 401 where a credential is needed, 429 where the rate limiter counts, and
 * nothing at all of a route the gateway denies.
 */
final class SurfaceDocumentMerge {

    private static final Logger log = LoggerFactory.getLogger(SurfaceDocumentMerge.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** Defined by each service's part (common-lib apidocs) in the surface's error format. */
    private static final String ERROR_RESPONSE = "#/components/responses/Error";
    /** The scheme an operation names for the access its route needs. */
    private static final Map<String, String> SCHEME_OF_ACCESS = Map.of("api-key", "apiKey", "user", "bearerAuth", "admin", "adminBearer");
    private static final Map<String, ObjectNode> SCHEMES = schemes();

    private record Rule(PathPattern pattern, Set<String> methods, String access, String capability) {
    }

    private final List<Rule> rules;
    private final List<PathPattern> rateLimited;

    SurfaceDocumentMerge(AccessRules access, RateLimitedPaths limits) {
        PathPatternParser parser = new PathPatternParser();
        this.rules = access.routes().stream()
                .map(rule -> new Rule(parser.parse(rule.path()), upper(rule.methods()), rule.access().toLowerCase(Locale.ROOT),
                        rule.capability()))
                .toList();
        this.rateLimited = limits.rules().stream().flatMap(limit -> limit.paths().stream()).distinct().map(parser::parse).toList();
    }

    /**
     * @param parts each service's part by service name, in the configured order (the first one's
     *        definition of a shared component wins)
     * @param gatewayPart the gateway's own paths, or null
     */
    ObjectNode merge(ApiDocsProperties.SurfaceDocument surface, String version, String serverUrl, Map<String, JsonNode> parts,
            JsonNode gatewayPart) {
        ObjectNode document = NODES.objectNode();
        document.put("openapi", "3.1.0");
        ObjectNode info = document.putObject("info");
        info.put("title", surface.title());
        info.put("version", version);
        info.put("description", surface.description());
        document.putArray("servers").addObject().put("url", serverUrl).put("description", "This gateway");
        ArrayNode tags = document.putArray("tags");
        ObjectNode paths = document.putObject("paths");
        ObjectNode components = document.putObject("components");
        Set<String> tagNames = new HashSet<>();
        Set<String> operationIds = new HashSet<>();
        Map<String, JsonNode> all = new LinkedHashMap<>(parts);
        if (gatewayPart != null) {
            all.put("gateway", gatewayPart);
        }
        all.forEach((service, part) -> {
            part.path("tags").forEach(tag -> {
                if (tagNames.add(tag.path("name").asString())) {
                    tags.add(tag);
                }
            });
            part.path("paths").properties().forEach(path -> addPath(paths, path.getKey(), path.getValue(), service, operationIds));
            part.path("components").properties().forEach(section -> {
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().properties().forEach(entry -> {
                    JsonNode existing = target.get(entry.getKey());
                    if (existing == null) {
                        target.set(entry.getKey(), entry.getValue());
                    } else if (!existing.equals(entry.getValue())) {
                        log.warn("{} of {} differs from the one already merged: the first is kept", entry.getKey(), service);
                    }
                });
            });
        });
        ObjectNode schemes = components.putObject("securitySchemes");
        surface.securitySchemes().forEach(name -> schemes.set(name, SCHEMES.get(name)));
        tags.forEach(tag -> {
            if (!tag.has("description")) {
                ((ObjectNode) tag).put("description", tag.path("name").asString());
            }
        });
        return document;
    }

    private void addPath(ObjectNode paths, String path, JsonNode item, String service, Set<String> operationIds) {
        ObjectNode target = paths.has(path) ? (ObjectNode) paths.get(path) : NODES.objectNode();
        item.properties().forEach(entry -> {
            String method = entry.getKey();
            if (!METHODS.contains(method)) {
                target.set(method, entry.getValue());
                return;
            }
            if (target.has(method)) {
                log.warn("{} {} is published by more than one service; {}'s is left out", method.toUpperCase(Locale.ROOT), path, service);
                return;
            }
            Rule rule = ruleFor(method, path);
            if (rule == null || "deny".equals(rule.access())) {
                // The gateway answers 404: not part of what a client can call.
                return;
            }
            ObjectNode operation = ((ObjectNode) entry.getValue()).deepCopy();
            String operationId = operation.path("operationId").asString(method + path.replaceAll("[^A-Za-z0-9]+", "-"));
            while (!operationIds.add(operationId)) {
                operationId = operationId + "-" + service;
            }
            operation.put("operationId", operationId);
            secure(operation, rule, path, method);
            target.set(method, operation);
        });
        if (!target.isEmpty() && !paths.has(path)) {
            paths.set(path, target);
        }
    }

    private void secure(ObjectNode operation, Rule rule, String path, String method) {
        ArrayNode security = operation.putArray("security");
        ObjectNode responses = operation.has("responses") ? (ObjectNode) operation.get("responses") : operation.putObject("responses");
        String scheme = SCHEME_OF_ACCESS.get(rule.access());
        if (scheme != null) {
            security.addObject().putArray(scheme);
            if (!responses.has("401")) {
                responses.putObject("401").put("$ref", ERROR_RESPONSE);
            }
        }
        if (rule.capability() != null) {
            operation.put("x-required-capability", rule.capability());
            if (!responses.has("403")) {
                responses.putObject("403").put("$ref", ERROR_RESPONSE);
            }
        }
        if ("post".equals(method) || "put".equals(method) || "patch".equals(method)) {
            PathContainer concrete = concrete(path);
            if (rateLimited.stream().anyMatch(pattern -> pattern.matches(concrete)) && !responses.has("429")) {
                responses.putObject("429").put("$ref", ERROR_RESPONSE);
            }
        }
    }

    private Rule ruleFor(String method, String path) {
        PathContainer concrete = concrete(path);
        String upper = method.toUpperCase(Locale.ROOT);
        for (Rule rule : rules) {
            if ((rule.methods().isEmpty() || rule.methods().contains(upper)) && rule.pattern().matches(concrete)) {
                return rule;
            }
        }
        return null;
    }

    /** {@code /auth/v1/users/{userId}} as a request path the rules can judge. */
    private static PathContainer concrete(String template) {
        return PathContainer.parsePath(template.replaceAll("\\{([^}/]+)}", "$1"));
    }

    private static Set<String> upper(Set<String> methods) {
        Set<String> upper = new HashSet<>();
        methods.forEach(method -> upper.add(method.toUpperCase(Locale.ROOT)));
        return upper;
    }

    private static Map<String, ObjectNode> schemes() {
        Map<String, ObjectNode> schemes = new LinkedHashMap<>();
        schemes.put("apiKey", bearer("api key", "The app's API key, issued by an operator (POST /admin/apps/{appId}/api-keys): "
                + "Authorization: Bearer <api_key>. The key decides the app."));
        schemes.put("userToken", bearer("JWT", "A user's access token from POST /auth/v1/login; the app's backend checks it "
                + "with POST /auth/v1/token/validate (in the body, next to its API key)."));
        schemes.put("bearerAuth", bearer("JWT", "The user's access token from login or register: Authorization: Bearer <token>."));
        schemes.put("adminBearer", bearer("JWT", "An administrator's access token (role=9) from POST /admin/auth/login."));
        return schemes;
    }

    private static ObjectNode bearer(String format, String description) {
        return NODES.objectNode().put("type", "http").put("scheme", "bearer").put("bearerFormat", format).put("description", description);
    }
}
