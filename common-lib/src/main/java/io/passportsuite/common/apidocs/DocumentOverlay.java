package io.passportsuite.common.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

/**
 * What a service adds to its generated part of a surface: per operation a summary, the request
 * body's schema and examples (controllers read a JSON tree, so springdoc cannot see the fields) and
 * answers with the seeds' examples; components; and, under {@code x-record-schemas}, the records whose
 * schemas the answers refer to, resolved from the classes themselves so they follow the code. An
 * operation the code does not have is left out: the overlay documents, it never invents an endpoint.
 */
final class DocumentOverlay {

    private static final Logger log = LoggerFactory.getLogger(DocumentOverlay.class);
    private static final String RECORD_SCHEMAS = "x-record-schemas";

    private final String location;
    private final OpenAPI overlay;
    private final ClassLoader classes;

    private DocumentOverlay(String location, OpenAPI overlay, ClassLoader classes) {
        this.location = location;
        this.overlay = overlay;
        this.classes = classes;
    }

    static DocumentOverlay load(ResourceLoader resources, String location) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            return new DocumentOverlay(location, null, resources.getClassLoader());
        }
        try (InputStream in = resource.getInputStream()) {
            return new DocumentOverlay(location, Json31.mapper().readValue(in, OpenAPI.class), resources.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }

    void applyTo(OpenAPI openApi) {
        if (overlay == null) {
            return;
        }
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        Components components = openApi.getComponents();
        if (overlay.getExtensions() != null && overlay.getExtensions().get(RECORD_SCHEMAS) instanceof List<?> records) {
            records.forEach(name -> recordSchemas(String.valueOf(name)).forEach((schemaName, schema) -> {
                NullableProperties.allowNull(schema);
                components.addSchemas(schemaName, schema);
            }));
        }
        if (overlay.getComponents() != null) {
            Components extra = overlay.getComponents();
            if (extra.getSchemas() != null) {
                extra.getSchemas().forEach(components::addSchemas);
            }
            if (extra.getExamples() != null) {
                extra.getExamples().forEach(components::addExamples);
            }
        }
        if (overlay.getPaths() == null) {
            return;
        }
        overlay.getPaths().forEach((path, additions) -> {
            PathItem target = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
            additions.readOperationsMap().forEach((method, addition) -> {
                Operation operation = target == null ? null : target.readOperationsMap().get(method);
                if (operation == null) {
                    log.warn("{} documents {} {}, which this service does not serve", location, method, path);
                    return;
                }
                merge(addition, operation);
            });
        });
    }

    private static void merge(Operation addition, Operation operation) {
        if (addition.getSummary() != null) {
            operation.setSummary(addition.getSummary());
        }
        if (addition.getDescription() != null) {
            operation.setDescription(addition.getDescription());
        }
        if (addition.getRequestBody() != null) {
            operation.setRequestBody(addition.getRequestBody());
        }
        if (addition.getResponses() != null) {
            // The documented success answers replace the one springdoc guessed from ResponseEntity<Object>.
            if (addition.getResponses().keySet().stream().anyMatch(status -> status.startsWith("2"))) {
                operation.getResponses().keySet().removeIf(status -> status.startsWith("2"));
            }
            addition.getResponses().forEach(operation.getResponses()::addApiResponse);
        }
    }

    @SuppressWarnings("rawtypes")
    private Map<String, io.swagger.v3.oas.models.media.Schema> recordSchemas(String className) {
        try {
            return ModelConverters.getInstance(true).readAll(Class.forName(className, false, classes));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("x-record-schemas names " + className + ", which does not exist", e);
        }
    }
}
