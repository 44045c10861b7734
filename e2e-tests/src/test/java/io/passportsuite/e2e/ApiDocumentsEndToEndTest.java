package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;
import tools.jackson.databind.JsonNode;

/**
 * The three API documents the gateway serves, checked against the seed documents the surfaces
 * implement (copied to {@code src/test/resources/seeds/}): every endpoint a seed lists, method and
 * path, is in its surface's document. The documents are written to {@code target/openapi/} for the
 * OpenAPI linter CI runs next ({@code .ci/check-openapi.sh}).
 */
class ApiDocumentsEndToEndTest {

    /** A seed document and the surface whose document must hold every endpoint it lists. */
    enum Seed {
        CANONICAL("canonical", "004_4dd7ef40e6050a23.txt", 9),
        ENVELOPE("envelope", "003_3c7f6542f7c6ce44.txt", 17),
        CHAT("chat", "000_0d38d5e9f2fe41a1.txt", 11);

        final String surface;
        final String file;
        /** What the seed lists today: a parser that finds fewer has stopped reading it, not a smaller API. */
        final int endpoints;

        Seed(String surface, String file, int endpoints) {
            this.surface = surface;
            this.file = file;
            this.endpoints = endpoints;
        }
    }

    /** An endpoint as seeds write it: {@code POST /auth/login}, {@code GET /admin/users/:id}, {@code GET /auth/v1/users/12345}. */
    private static final Pattern ENDPOINT = Pattern.compile("\\b(GET|POST|PUT|PATCH|DELETE)[ \\n]+(/[A-Za-z0-9/_:{}.\\-]*)");
    /** A call in a seed's code sample: {@code fetch('/asset/v1/files/upload', { method: 'POST', ...}. */
    private static final Pattern FETCH = Pattern.compile("fetch\\('(/[^'$]+)',\\s*\\{\\s*method:\\s*'([A-Z]+)'");
    private static final Path OUTPUT = Path.of("target", "openapi");

    private static GatewaySuite suite;
    private static ServiceProbe throughGateway;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.shared();
        throughGateway = suite.throughGateway;
    }

    @ParameterizedTest
    @EnumSource(Seed.class)
    void shouldDocumentEveryEndpointItsSeedLists(Seed seed) throws IOException {
        JsonNode document = document(seed.surface);

        Set<String> listed = endpointsOf(seed);
        assertThat(listed).as("endpoints parsed from " + seed.file).hasSizeGreaterThanOrEqualTo(seed.endpoints);
        List<String> documented = operationsOf(document);
        List<String> missing = listed.stream().filter(endpoint -> documented.stream().noneMatch(op -> sameEndpoint(endpoint, op))).toList();
        assertThat(missing).as("endpoints of " + seed.file + " missing from the " + seed.surface + " document").isEmpty();
        assertThat(document.get("servers").get(0).get("url").asString())
                .as("the gateway that served it, never a host the request named").isEqualTo("/");
    }

    @ParameterizedTest
    @EnumSource(Seed.class)
    void shouldDocumentLoginAndRegisterAsPublicWithTheSeedsExamples(Seed seed) throws IOException {
        JsonNode paths = document(seed.surface).get("paths");
        String prefix = switch (seed) {
            case CANONICAL -> "/auth/v1";
            case ENVELOPE -> "/auth";
            case CHAT -> "/api/auth";
        };
        for (String action : List.of("/login", "/register")) {
            JsonNode operation = paths.get(prefix + action).get("post");
            assertThat(operation.get("requestBody").get("content").get("application/json").get("example")).as(prefix + action).isNotNull();
            assertThat(operation.get("responses").properties().stream()
                    .anyMatch(answer -> answer.getKey().startsWith("2") && answer.getValue().path("content").path("application/json").has("example")))
                    .as(prefix + action + " has an example answer").isTrue();
            if (seed == Seed.CANONICAL) {
                // The canonical API is called by an app's backend with its key, login and register included.
                assertThat(operation.get("security").toString()).isEqualTo("[{\"apiKey\":[]}]");
            } else {
                assertThat(operation.get("security").isEmpty()).as(prefix + action + " is public").isTrue();
            }
        }
    }

    @Test
    void shouldServeTheDocumentsAndSwaggerUiWithoutAToken() throws IOException {
        JsonNode envelope = document("envelope");
        assertThat(envelope.get("paths").get("/").get("get").get("security").isEmpty()).isTrue();
        assertThat(envelope.get("paths").get("/admin/users").get("get").get("security").toString()).isEqualTo("[{\"adminBearer\":[]}]");
        assertThat(envelope.get("components").get("schemas").get("EnvelopeError").get("properties").has("error_code")).isTrue();
        assertThat(document("chat").get("paths").get("/api/auth/me").get("get").get("security").toString()).isEqualTo("[{\"bearerAuth\":[]}]");
        for (String surface : List.of("canonical", "envelope", "chat")) {
            assertThat(document(surface).get("paths").propertyNames())
                    .noneMatch(path -> path.startsWith("/internal") || path.startsWith("/actuator"));
        }

        assertThat(throughGateway.get("/docs").status()).isEqualTo(302);
        ServiceProbe.Response page = throughGateway.get("/docs/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/v3/api-docs/canonical", "/v3/api-docs/envelope", "/v3/api-docs/chat");
        assertThat(throughGateway.get("/webjars/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(throughGateway.get("/v3/api-docs/internal").status()).isEqualTo(404);
    }

    /** Fetched without a token (the documents are public) and written to target/openapi/ for the linter. */
    private static JsonNode document(String surface) throws IOException {
        ServiceProbe.Response response = suite.awaitRouted("/v3/api-docs/" + surface, Duration.ofSeconds(60));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Files.createDirectories(OUTPUT);
        Files.writeString(OUTPUT.resolve(surface + ".json"), response.body());
        return response.json();
    }

    static Set<String> endpointsOf(Seed seed) throws IOException {
        String text;
        try (InputStream in = ApiDocumentsEndToEndTest.class.getResourceAsStream("/seeds/" + seed.file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> endpoints = new LinkedHashSet<>();
        Matcher listed = ENDPOINT.matcher(text);
        while (listed.find()) {
            // "POST /auth/login- 用户登录": the list's dash is not part of the path.
            endpoints.add(listed.group(1) + " " + listed.group(2).replaceAll("[-.]+$", ""));
        }
        Matcher fetched = FETCH.matcher(text);
        while (fetched.find()) {
            endpoints.add(fetched.group(2) + " " + fetched.group(1));
        }
        return endpoints;
    }

    private static List<String> operationsOf(JsonNode document) {
        List<String> operations = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }

    /** Same method, and each segment the same or a parameter on either side ({@code :id}, {@code {userId}}, or a sample id). */
    static boolean sameEndpoint(String listed, String documented) {
        String[] seed = listed.split(" ", 2);
        String[] doc = documented.split(" ", 2);
        if (!seed[0].equals(doc[0])) {
            return false;
        }
        String[] seedSegments = seed[1].split("/", -1);
        String[] docSegments = doc[1].split("/", -1);
        if (seedSegments.length != docSegments.length) {
            return false;
        }
        for (int i = 0; i < seedSegments.length; i++) {
            boolean parameter = docSegments[i].startsWith("{") && (seedSegments[i].startsWith(":")
                    || seedSegments[i].startsWith("{") || seedSegments[i].matches("[0-9a-f-]+"));
            if (!parameter && !seedSegments[i].equals(docSegments[i])) {
                return false;
            }
        }
        return true;
    }
}
