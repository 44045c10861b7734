package io.passportsuite.common.apidocs;

import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import io.swagger.v3.oas.models.media.ObjectSchema;
import tools.jackson.databind.JsonNode;

/**
 * Publishes a service's part of each API surface as a springdoc group ({@code /v3/api-docs/canonical},
 * {@code envelope}, {@code chat}), which the gateway fetches and merges into one document per surface.
 * A service opts in by depending on springdoc; every service then groups, names and documents its
 * errors the same way.
 */
@AutoConfiguration
@ConditionalOnClass(GroupedOpenApi.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SurfaceApiDocsAutoConfiguration {

    static {
        // Controllers that read a JSON tree take any object; the overlay says which fields (DocumentOverlay).
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
    }

    @Bean
    GroupedOpenApi canonicalApiDocs(ResourceLoader resources) {
        return SurfaceDocument.CANONICAL.group(resources);
    }

    @Bean
    GroupedOpenApi envelopeApiDocs(ResourceLoader resources) {
        return SurfaceDocument.ENVELOPE.group(resources);
    }

    @Bean
    GroupedOpenApi chatApiDocs(ResourceLoader resources) {
        return SurfaceDocument.CHAT.group(resources);
    }
}
