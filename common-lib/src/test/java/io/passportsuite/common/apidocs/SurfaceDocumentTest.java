package io.passportsuite.common.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.passportsuite.common.web.Surface;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

class SurfaceDocumentTest {

    record LoginView(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
    }

    @Test
    void shouldAddTheOverlaysSchemasExamplesAndAnswersToTheOperationsTheServiceHas() {
        OpenAPI openApi = generatedLogin();

        DocumentOverlay.load(new DefaultResourceLoader(), "classpath:openapi-test/canonical.json").applyTo(openApi);

        Operation login = openApi.getPaths().get("/auth/v1/login").getPost();
        assertThat(login.getSummary()).isEqualTo("Log a user in");
        assertThat(login.getRequestBody().getContent().get("application/json").getExample()).isNotNull();
        // The documented 201 replaces the 200 springdoc guessed from ResponseEntity<Object>.
        assertThat(login.getResponses()).containsOnlyKeys("201");
        Schema<?> view = openApi.getComponents().getSchemas().get("LoginView");
        assertThat(view.getProperties()).containsOnlyKeys("access_token", "expires_in");
        assertThat(((Schema<?>) view.getProperties().get("access_token")).getTypes()).containsExactlyInAnyOrder("string", "null");
        assertThat(openApi.getComponents().getSchemas()).containsKey("LoginRequest");
        assertThat(openApi.getPaths()).doesNotContainKey("/auth/v1/no-such-endpoint");
    }

    @Test
    void shouldReferEveryOperationToItsSurfacesErrorFormat() {
        OpenAPI plain = generatedLogin();
        ErrorResponses.of(Surface.CANONICAL).addTo(plain);
        OpenAPI envelope = generatedLogin();
        ErrorResponses.of(Surface.ENVELOPE).addTo(envelope);

        assertThat(plain.getComponents().getSchemas().get("Error").getProperties()).containsOnlyKeys("error", "message");
        assertThat(envelope.getComponents().getSchemas().get("EnvelopeError").getProperties())
                .containsOnlyKeys("success", "data", "message", "error_code");
        ApiResponses responses = plain.getPaths().get("/auth/v1/login").getPost().getResponses();
        assertThat(responses.get("default").get$ref()).isEqualTo("#/components/responses/Error");
        assertThat(((Schema<?>) envelope.getComponents().getSchemas().get("EnvelopeError").getProperties().get("error_code")).getEnum()
                .stream().map(String::valueOf).toList())
                .contains("LOGIN_FAILED", "REGISTER_FAILED", "TEST_MODE_ONLY", "RATE_LIMITED");
    }

    @Test
    void shouldGroupEachSurfaceByItsPathsWithoutInternalOnes() {
        assertThat(SurfaceDocument.ENVELOPE.group(new DefaultResourceLoader()).getPathsToMatch()).containsExactly("/auth/**", "/admin/**");
        assertThat(SurfaceDocument.ENVELOPE.group(new DefaultResourceLoader()).getPathsToExclude())
                .contains("/auth/v1/**", "/asset/v1/**", "/internal/**", "/actuator/**");
        assertThat(Set.copyOf(SurfaceDocument.CANONICAL.group(new DefaultResourceLoader()).getPathsToMatch()))
                .isEqualTo(Set.of("/auth/v1/**", "/asset/v1/**"));
        assertThat(SurfaceDocument.CHAT.group(new DefaultResourceLoader()).getPathsToMatch()).containsExactly("/api/**");
    }

    @Test
    void shouldReadAHandlersNameAsASentence() {
        assertThat(SurfaceDocument.sentence("resetPassword")).isEqualTo("Reset password");
        assertThat(SurfaceDocument.sentence("login")).isEqualTo("Login");
    }

    private static OpenAPI generatedLogin() {
        Operation login = new Operation().operationId("login")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
        return new OpenAPI().paths(new Paths().addPathItem("/auth/v1/login", new PathItem().post(login)));
    }
}
