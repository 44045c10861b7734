package io.passportsuite.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SurfaceDocumentMergeTest {

    private static final JsonMapper JSON = new JsonMapper();

    private final SurfaceDocumentMerge merge = new SurfaceDocumentMerge(
            new AccessRules(List.of(
                    new AccessRules.Rule("/internal/**", Set.of(), "deny", null),
                    new AccessRules.Rule("/admin/auth/login", Set.of("POST"), "public", null),
                    new AccessRules.Rule("/admin/**", Set.of(), "admin", null),
                    new AccessRules.Rule("/auth/change-password", Set.of("PUT"), "user", null),
                    new AccessRules.Rule("/auth/**", Set.of(), "public", null),
                    new AccessRules.Rule("/", Set.of("GET", "HEAD"), "public", null))),
            new RateLimitedPaths(List.of(new RateLimitedPaths.Limit(List.of("/auth/login", "/admin/auth/login")))));

    private final ApiDocsProperties.SurfaceDocument envelope = new ApiDocsProperties.SurfaceDocument("Envelope", "The envelope API",
            List.of("passport-service", "admin-service"), List.of("bearerAuth", "adminBearer"), true);

    @Test
    void shouldStateEachOperationsSecurityFromTheGatewaysRules() {
        JsonNode document = merged();

        assertThat(operation(document, "/auth/login", "post").get("security").isEmpty()).isTrue();
        assertThat(operation(document, "/auth/change-password", "put").get("security").toString()).isEqualTo("[{\"bearerAuth\":[]}]");
        assertThat(operation(document, "/admin/users/{id}", "get").get("security").toString()).isEqualTo("[{\"adminBearer\":[]}]");
        assertThat(operation(document, "/", "get").get("security").isEmpty()).isTrue();
        assertThat(operation(document, "/admin/users/{id}", "get").get("responses").get("401").get("$ref").asString())
                .isEqualTo("#/components/responses/Error");
        assertThat(operation(document, "/auth/login", "post").get("responses").has("401")).isFalse();
        assertThat(operation(document, "/auth/login", "post").get("responses").has("429")).isTrue();
        assertThat(document.get("components").get("securitySchemes").propertyNames()).containsExactly("bearerAuth", "adminBearer");
    }

    @Test
    void shouldLeaveOutWhatTheGatewayDeniesAndKeepOperationIdsUnique() {
        JsonNode document = merged();

        assertThat(document.get("paths").has("/internal/users")).isFalse();
        assertThat(operation(document, "/auth/login", "post").get("operationId").asString()).isEqualTo("login");
        assertThat(operation(document, "/admin/auth/login", "post").get("operationId").asString()).isEqualTo("login-admin-service");
        assertThat(document.get("components").get("schemas").propertyNames()).containsExactlyInAnyOrder("Error", "LoginData");
        assertThat(document.get("openapi").asString()).isEqualTo("3.1.0");
        assertThat(document.get("servers").get(0).get("url").asString()).isEqualTo("http://gateway.example:8080");
    }

    private JsonNode merged() {
        Map<String, JsonNode> parts = new LinkedHashMap<>();
        parts.put("passport-service", JSON.readTree("""
                {"openapi":"3.1.0","paths":{
                  "/auth/login":{"post":{"operationId":"login","responses":{"200":{"description":"OK"}}}},
                  "/auth/change-password":{"put":{"operationId":"changePassword","responses":{"200":{"description":"OK"}}}},
                  "/internal/users":{"get":{"operationId":"users","responses":{"200":{"description":"OK"}}}}},
                 "components":{"schemas":{"Error":{"type":"object"}}}}
                """));
        parts.put("admin-service", JSON.readTree("""
                {"openapi":"3.1.0","paths":{
                  "/admin/auth/login":{"post":{"operationId":"login","responses":{"200":{"description":"OK"}}}},
                  "/admin/users/{id}":{"get":{"operationId":"get","responses":{"200":{"description":"OK"}}}}},
                 "components":{"schemas":{"Error":{"type":"object"},"LoginData":{"type":"object"}}}}
                """));
        JsonNode gateway = JSON.readTree("""
                {"paths":{"/":{"get":{"operationId":"status","responses":{"200":{"description":"OK"}}}}}}
                """);
        return merge.merge(envelope, "1.0.0", "http://gateway.example:8080", parts, gateway);
    }

    private static JsonNode operation(JsonNode document, String path, String method) {
        return document.get("paths").get(path).get(method);
    }
}
