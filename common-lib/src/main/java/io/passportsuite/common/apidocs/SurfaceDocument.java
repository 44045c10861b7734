package io.passportsuite.common.apidocs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.method.HandlerMethod;

import io.passportsuite.common.web.Surface;
import io.swagger.v3.oas.models.Operation;

/**
 * One API surface as a springdoc group: the paths that belong to it (as {@link Surface} declares
 * them), never {@code /internal/**} or the actuator, its error format, and the service's own
 * additions from {@code classpath:openapi/<group>.json} (request schemas and the seeds' examples,
 * which controllers reading a JSON tree cannot give).
 */
enum SurfaceDocument {

    CANONICAL("canonical", Surface.CANONICAL, List.of()),
    /** {@code /auth/**} less {@code /auth/v1/**}, which is canonical. */
    ENVELOPE("envelope", Surface.ENVELOPE, Surface.CANONICAL.prefixes()),
    CHAT("chat", Surface.CHAT, List.of());

    /** Headers the gateway sets or the security schemes describe: not parameters a client fills in. */
    private static final String GATEWAY_HEADER_PREFIX = "x-passport-";

    private final String group;
    private final Surface surface;
    private final List<String> excludedPrefixes;

    SurfaceDocument(String group, Surface surface, List<String> excludedPrefixes) {
        this.group = group;
        this.surface = surface;
        this.excludedPrefixes = excludedPrefixes;
    }

    String groupName() {
        return group;
    }

    GroupedOpenApi group(ResourceLoader resources) {
        List<String> excluded = new ArrayList<>(Stream.concat(excludedPrefixes.stream(), Surface.INTERNAL.prefixes().stream())
                .map(prefix -> prefix + "/**").toList());
        excluded.add("/actuator/**");
        DocumentOverlay overlay = DocumentOverlay.load(resources, "classpath:openapi/" + group + ".json");
        return GroupedOpenApi.builder()
                .group(group)
                .pathsToMatch(surface.prefixes().stream().map(prefix -> prefix + "/**").toArray(String[]::new))
                .pathsToExclude(excluded.toArray(String[]::new))
                .addOperationCustomizer(SurfaceDocument::tidy)
                .addOpenApiCustomizer(openApi -> {
                    if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                        // Generated from the Java types the controllers return: their fields may be null.
                        openApi.getComponents().getSchemas().values().forEach(NullableProperties::allowNull);
                    }
                    ErrorResponses.of(surface).addTo(openApi);
                    overlay.applyTo(openApi);
                })
                .build();
    }

    /** A summary from the handler's name when none is given, and no header parameters the client does not set. */
    private static Operation tidy(Operation operation, HandlerMethod handler) {
        if (operation.getSummary() == null) {
            operation.setSummary(summary(handler));
        }
        if (operation.getParameters() != null) {
            operation.getParameters().removeIf(parameter -> "header".equals(parameter.getIn())
                    && ("authorization".equalsIgnoreCase(parameter.getName())
                            || "user-agent".equalsIgnoreCase(parameter.getName())
                            || parameter.getName().toLowerCase(Locale.ROOT).startsWith(GATEWAY_HEADER_PREFIX)));
            if (operation.getParameters().isEmpty()) {
                operation.setParameters(null);
            }
        }
        return operation;
    }

    /**
     * {@code AdminUserController.list} reads "List user": a one-word handler name says the verb, its
     * controller the thing.
     */
    static String summary(HandlerMethod handler) {
        String method = handler.getMethod().getName();
        if (!method.equals(method.toLowerCase(Locale.ROOT))) {
            return sentence(method);
        }
        String thing = handler.getBeanType().getSimpleName()
                .replaceFirst("Controller$", "")
                .replaceFirst("^(Admin|Envelope|Chat|Canonical)(?=[A-Z])", "");
        return thing.isEmpty() ? sentence(method) : sentence(method) + " " + sentence(thing).toLowerCase(Locale.ROOT);
    }

    /** {@code resetPassword} reads "Reset password". */
    static String sentence(String methodName) {
        String words = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
