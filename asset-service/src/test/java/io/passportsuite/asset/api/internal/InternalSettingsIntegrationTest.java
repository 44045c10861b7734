package io.passportsuite.asset.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.asset.AssetCalls;
import io.passportsuite.asset.TestImages;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;
import tools.jackson.databind.JsonNode;

/**
 * An app's upload settings as admin-service reads and sets them: the defaults until set, bounds
 * checked, a null back to the default, the uploads that follow held to them, and the endpoints
 * closed to anyone but the suite's services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"passport.internal.credential=" + AssetCalls.CREDENTIAL, "asset.uploads.max-file-size=5MB", "asset.uploads.quota=20MB"})
@RealInfrastructure
class InternalSettingsIntegrationTest {

    private static final long DEFAULT_MAX = 5L * 1024 * 1024;
    private static final long DEFAULT_QUOTA = 20L * 1024 * 1024;
    private static final long LARGEST_MAX = 11L * 1024 * 1024 - 64 * 1024;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private AssetCalls calls;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) throws IOException {
        String root = Files.createTempDirectory("asset-settings-").toString();
        registry.add("asset.storage.filesystem.root", () -> root);
    }

    @BeforeEach
    void setUp() {
        calls = new AssetCalls(port);
    }

    @Test
    void shouldShowTheDefaultsAndNoUsageForAnAppNeverSeen() {
        AssetCalls.Response shown = get("app-new");

        assertThat(shown.status()).as(shown.text()).isEqualTo(200);
        JsonNode settings = shown.json();
        assertThat(settings.get("appId").asString()).isEqualTo("app-new");
        assertThat(texts(settings.get("allowedTypes"))).containsExactly("image/jpeg", "image/png", "image/webp", "image/gif");
        assertThat(settings.get("maxFileBytes").asLong()).isEqualTo(DEFAULT_MAX);
        assertThat(settings.get("quotaBytes").asLong()).isEqualTo(DEFAULT_QUOTA);
        assertThat(texts(settings.get("fromDefaults"))).containsExactly("allowedTypes", "maxFileBytes", "quotaBytes");
        assertThat(settings.get("usage").get("storedBytes").asLong()).isZero();
        assertThat(settings.get("usage").get("fileCount").asLong()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM asset_app_settings WHERE app_id = 'app-new'").query(Long.class).single()).isZero();
    }

    @Test
    void shouldSetAnAppsSettingsAnswerBeforeAndAfterAndResetANullOne() {
        AssetCalls.Response set = put("app-set", """
                {"allowedTypes":["image/png","image/jpeg","image/png"],"maxFileBytes":2048,"quotaBytes":0}""");

        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(texts(set.json().get("before").get("fromDefaults"))).containsExactly("allowedTypes", "maxFileBytes", "quotaBytes");
        JsonNode after = set.json().get("after");
        assertThat(texts(after.get("allowedTypes"))).containsExactly("image/jpeg", "image/png");
        assertThat(after.get("maxFileBytes").asLong()).isEqualTo(2048);
        assertThat(after.get("quotaBytes").asLong()).isZero();
        assertThat(after.get("fromDefaults").isEmpty()).isTrue();
        assertThat(get("app-set").json()).isEqualTo(after);

        AssetCalls.Response reset = put("app-set", "{\"allowedTypes\":null,\"maxFileBytes\":4096}");

        assertThat(reset.status()).as(reset.text()).isEqualTo(200);
        assertThat(reset.json().get("before")).isEqualTo(after);
        JsonNode now = get("app-set").json();
        assertThat(now.get("maxFileBytes").asLong()).isEqualTo(4096);
        assertThat(now.get("quotaBytes").asLong()).isEqualTo(DEFAULT_QUOTA);
        assertThat(texts(now.get("fromDefaults"))).containsExactly("allowedTypes", "quotaBytes");
        assertThat(texts(now.get("allowedTypes"))).hasSize(4);
    }

    @Test
    void shouldHoldTheNextUploadsToTheSettings() {
        byte[] png = TestImages.encode(TestImages.noise(48, 48, 3), "png");
        assertThat(png.length).isGreaterThan(2048);
        assertThat(put("app-held", "{\"allowedTypes\":[\"image/png\"],\"maxFileBytes\":2048}").status()).isEqualTo(200);

        assertError(calls.upload("app-held", "a.png", "image/png", png), 413, "PAYLOAD_TOO_LARGE");
        assertError(calls.upload("app-held", "a.jpg", "image/jpeg", TestImages.encode(TestImages.halves(8, 8), "jpeg")), 415,
                "UNSUPPORTED_MEDIA_TYPE");

        assertThat(put("app-held", "{\"allowedTypes\":[\"image/png\"]}").status()).isEqualTo(200);
        assertThat(calls.upload("app-held", "a.png", "image/png", png).status()).isEqualTo(201);
        assertThat(put("app-held", "{\"quotaBytes\":0}").status()).isEqualTo(200);
        assertError(calls.upload("app-held", "b.png", "image/png", TestImages.encode(TestImages.halves(9, 9), "png")), 413,
                "STORAGE_QUOTA_EXCEEDED");
    }

    @Test
    void shouldCountEachStoredContentOnceAndEveryFile() {
        byte[] png = TestImages.encode(TestImages.halves(10, 10), "png");
        long size = calls.upload("app-usage", "a.png", "image/png", png).json().get("size").asLong();
        calls.upload("app-usage", "b.png", "image/png", png);
        long other = calls.upload("app-usage", "c.png", "image/png", TestImages.encode(TestImages.halves(12, 12), "png"))
                .json().get("size").asLong();
        calls.upload("app-usage-other", "a.png", "image/png", png);

        JsonNode usage = get("app-usage").json().get("usage");

        assertThat(usage.get("fileCount").asLong()).isEqualTo(3);
        assertThat(usage.get("storedBytes").asLong()).isEqualTo(size + other);
    }

    @Test
    void shouldRefuseSettingsOutOfBoundsAndSaveNothing() {
        assertError(put("app-bounds", "{\"allowedTypes\":[]}"), 400, "VALIDATION_FAILED", "allowedTypes");
        assertError(put("app-bounds", "{\"allowedTypes\":[\"image/svg+xml\"]}"), 400, "VALIDATION_FAILED", "allowedTypes");
        assertError(put("app-bounds", "{\"allowedTypes\":\"image/png\"}"), 400, "VALIDATION_FAILED", "allowedTypes");
        assertError(put("app-bounds", "{\"maxFileBytes\":1023}"), 400, "VALIDATION_FAILED", "maxFileBytes");
        assertError(put("app-bounds", "{\"maxFileBytes\":" + (LARGEST_MAX + 1) + "}"), 400, "VALIDATION_FAILED", "maxFileBytes");
        assertError(put("app-bounds", "{\"maxFileBytes\":\"2MB\"}"), 400, "VALIDATION_FAILED", "maxFileBytes");
        assertError(put("app-bounds", "{\"maxFileBytes\":1.5}"), 400, "VALIDATION_FAILED", "maxFileBytes");
        assertError(put("app-bounds", "{\"quotaBytes\":-1}"), 400, "VALIDATION_FAILED", "quotaBytes");
        assertError(put("app-bounds", "{\"quota\":5}"), 400, "VALIDATION_FAILED", "quota");
        assertError(put("app-bounds", "[1]"), 400, "MALFORMED_REQUEST", "object");
        assertError(put("app-bounds", "{\"maxFileBytes\":"), 400, "MALFORMED_REQUEST", "JSON");
        assertError(put("App Bounds!", "{}"), 400, "VALIDATION_FAILED", "appId");
        assertThat(jdbc.sql("SELECT count(*) FROM asset_app_settings WHERE app_id = 'app-bounds'").query(Long.class).single()).isZero();

        assertThat(put("app-bounds", "{\"maxFileBytes\":" + LARGEST_MAX + "}").status()).isEqualTo(200);
        assertThat(put("app-bounds", "{\"maxFileBytes\":1024}").status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerOnlyTheSuitesServices() {
        String path = "/internal/apps/app-guarded/settings";
        byte[] body = "{\"maxFileBytes\":2048}".getBytes(StandardCharsets.UTF_8);
        String[] withoutCredential = {};
        String[] wrongCredential = {SuiteHeaders.INTERNAL_CREDENTIAL, AssetCalls.CREDENTIAL + "x"};
        // What the gateway sends for a client: the credential, with the client's address.
        String[] routedForAClient = AssetCalls.asApp("app-guarded");

        for (String[] headers : new String[][] {withoutCredential, wrongCredential, routedForAClient}) {
            assertError(calls.get(path, headers), 403, "FORBIDDEN");
            assertError(calls.send("PUT", path, "application/json", body, headers), 403, "FORBIDDEN");
        }
        assertError(calls.send("PUT", "/%69nternal/apps/app-guarded/settings", "application/json", body, routedForAClient), 403,
                "FORBIDDEN");
        assertError(calls.send("PUT", "/internal;x/apps/app-guarded/settings", "application/json", body), 403, "FORBIDDEN");
        assertThat(jdbc.sql("SELECT count(*) FROM asset_app_settings WHERE app_id = 'app-guarded'").query(Long.class).single()).isZero();
    }

    private AssetCalls.Response get(String appId) {
        return calls.get("/internal/apps/" + appId + "/settings", asService());
    }

    private AssetCalls.Response put(String appId, String json) {
        return calls.send("PUT", "/internal/apps/" + appId.replace(" ", "%20") + "/settings", "application/json",
                json.getBytes(StandardCharsets.UTF_8), asService());
    }

    /** A service's call: the credential, and no client behind it. */
    private static String[] asService() {
        return new String[] {SuiteHeaders.INTERNAL_CREDENTIAL, AssetCalls.CREDENTIAL};
    }

    private static java.util.List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static void assertError(AssetCalls.Response response, int status, String code) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.json().get("error").asString()).isEqualTo(code);
        assertThat(response.json().get("message").asString()).isNotBlank();
    }

    private static void assertError(AssetCalls.Response response, int status, String code, String mentioned) {
        assertError(response, status, code);
        assertThat(response.json().get("message").asString()).contains(mentioned);
    }
}
