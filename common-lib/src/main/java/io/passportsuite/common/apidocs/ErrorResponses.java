package io.passportsuite.common.apidocs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.web.Surface;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * A surface's error answer in its document: the schema of its format ({@code PlainError} or the
 * envelope), every stable code, and a reference to it from each operation, so a client sees what a
 * refusal looks like wherever it comes from (the service or the gateway).
 */
final class ErrorResponses {

    /** The shared response every operation refers to; the gateway refers to it too when it adds 401 and 429. */
    static final String RESPONSE = "Error";
    private static final String RESPONSE_REF = "#/components/responses/" + RESPONSE;

    private final String schemaName;
    private final Schema<?> schema;
    private final Map<String, Object> example;

    private ErrorResponses(String schemaName, Schema<?> schema, Map<String, Object> example) {
        this.schemaName = schemaName;
        this.schema = schema;
        this.example = example;
    }

    static ErrorResponses of(Surface surface) {
        List<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
        Schema<String> code = new Schema<String>().types(Set.of("string"))._enum(codes)
                .description("Stable code for programs; the HTTP status goes with it (e.g. VALIDATION_FAILED 400, "
                        + "INVALID_TOKEN 401, RATE_LIMITED 429 with Retry-After)");
        if (surface.usesEnvelope()) {
            Schema<?> envelope = new Schema<>().types(Set.of("object"))
                    .addProperty("success", new Schema<Boolean>().types(Set.of("boolean"))._const(false))
                    .addProperty("data", new Schema<>().description("Only on TEST_MODE_ONLY (206): the code the test mode returns"))
                    .addProperty("message", new Schema<String>().types(Set.of("string")).description("For people; may change"))
                    .addProperty("error_code", code)
                    .required(List.of("success", "message", "error_code"));
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("success", false);
            example.put("message", "用户名或密码错误");
            example.put("error_code", "LOGIN_FAILED");
            return new ErrorResponses("EnvelopeError", envelope, example);
        }
        Schema<?> plain = new Schema<>().types(Set.of("object"))
                .addProperty("error", code)
                .addProperty("message", new Schema<String>().types(Set.of("string")).description("For people; may change"))
                .required(List.of("error", "message"));
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("error", "INVALID_CREDENTIALS");
        example.put("message", "Invalid credentials");
        return new ErrorResponses("Error", plain, example);
    }

    void addTo(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(schemaName, schema);
        openApi.getComponents().addResponses(RESPONSE, new ApiResponse()
                .description("Refused: the body says why in this surface's error format")
                .content(new Content().addMediaType("application/json", new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + schemaName))
                        .example(example))));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            boolean takesInput = operation.getRequestBody() != null
                    || operation.getParameters() != null && !operation.getParameters().isEmpty();
            if (takesInput && !operation.getResponses().containsKey("400")) {
                operation.getResponses().addApiResponse("400", new ApiResponse().$ref(RESPONSE_REF));
            }
            if (!operation.getResponses().containsKey("default")) {
                operation.getResponses().addApiResponse("default", new ApiResponse().$ref(RESPONSE_REF));
            }
        }));
    }
}
