package io.passportsuite.admin.api.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.admin.support.AdminCalls;
import io.passportsuite.admin.support.FakeAssets;
import io.passportsuite.admin.support.FakePassport;
import io.passportsuite.common.testing.RealInfrastructure;
import tools.jackson.databind.JsonNode;

/** An app's upload settings through the back office: read, changed and audited, refused as the operator must be told. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + AdminCalls.CREDENTIAL)
@RealInfrastructure
class AdminAppAssetsIntegrationTest {

    private static final FakePassport passport = new FakePassport(AdminCalls.CREDENTIAL);
    private static final FakeAssets assets = new FakeAssets(AdminCalls.CREDENTIAL);
    private static final String APP = FakePassport.APP;

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private AdminCalls calls;
    private final UUID admin = UUID.randomUUID();

    @DynamicPropertySource
    static void serviceUrls(DynamicPropertyRegistry registry) {
        registry.add("passport.service.url", passport::url);
        registry.add("asset.service.url", assets::url);
    }

    @AfterAll
    static void stopServices() {
        passport.close();
        assets.close();
    }

    @BeforeEach
    void setUp() {
        calls = new AdminCalls(port);
        passport.reset();
        assets.reset();
        calls.send("PUT", "/admin/apps/" + APP + "/assets", "{}", AdminCalls.asAdmin(UUID.randomUUID()));
        assets.reset();
    }

    @Test
    void shouldShowAnAppsUploadSettingsAndWhatItsFilesTake() {
        AdminCalls.Answer shown = calls.get("/admin/apps/" + APP + "/assets", AdminCalls.asAdmin(admin));

        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.json().get("success").asBoolean()).isTrue();
        JsonNode settings = shown.json().get("data").get("assets");
        assertThat(settings.get("app_id").asString()).isEqualTo(APP);
        assertThat(texts(settings.get("allowed_types"))).containsExactly("image/jpeg", "image/png", "image/webp", "image/gif");
        assertThat(settings.get("max_file_bytes").asLong()).isEqualTo(FakeAssets.DEFAULT_MAX_FILE_BYTES);
        assertThat(settings.get("quota_bytes").asLong()).isEqualTo(FakeAssets.DEFAULT_QUOTA_BYTES);
        assertThat(texts(settings.get("from_defaults"))).containsExactly("allowed_types", "max_file_bytes", "quota_bytes");
        assertThat(settings.get("usage").get("stored_bytes").asLong()).isEqualTo(4096);
        assertThat(settings.get("usage").get("file_count").asLong()).isEqualTo(2);
        assertThat(assets.requests).containsExactly("GET /internal/apps/" + APP + "/settings");
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldChangeAnAppsUploadSettingsAndAuditThemBeforeAndAfter() {
        AdminCalls.Answer changed = calls.send("PUT", "/admin/apps/" + APP + "/assets",
                "{\"allowed_types\":[\"image/png\"],\"max_file_bytes\":2048,\"quota_bytes\":null}", AdminCalls.asAdmin(admin));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode after = changed.json().get("data").get("after");
        assertThat(after.get("max_file_bytes").asLong()).isEqualTo(2048);
        assertThat(texts(after.get("allowed_types"))).containsExactly("image/png");
        assertThat(texts(after.get("from_defaults"))).containsExactly("quota_bytes");
        assertThat(texts(changed.json().get("data").get("before").get("from_defaults"))).hasSize(3);
        assertThat(assets.requests).containsExactly("PUT /internal/apps/" + APP + "/settings");
        JsonNode sent = assets.bodies.getFirst();
        assertThat(sent.propertyNames()).containsExactlyInAnyOrder("allowedTypes", "maxFileBytes", "quotaBytes");
        assertThat(sent.get("quotaBytes").isNull()).isTrue();

        Map<String, Object> row = onlyRow();
        assertThat(row).containsEntry("app_id", APP).containsEntry("action", "app.update_upload_settings")
                .containsEntry("target_type", "app").containsEntry("target_id", APP).containsEntry("actor_ip", AdminCalls.CLIENT_IP);
        assertThat((String) row.get("before")).contains("\"max_file_bytes\": " + FakeAssets.DEFAULT_MAX_FILE_BYTES);
        assertThat((String) row.get("after")).contains("\"max_file_bytes\": 2048", "\"allowed_types\": [\"image/png\"]",
                "\"from_defaults\": [\"quota_bytes\"]");

        AdminCalls.Answer reset = calls.send("PUT", "/admin/apps/" + APP + "/assets", "{}", AdminCalls.asAdmin(admin));
        assertThat(reset.status()).isEqualTo(200);
        assertThat(texts(reset.json().get("data").get("after").get("from_defaults"))).hasSize(3);
        assertThat(reset.json().get("data").get("before").get("max_file_bytes").asLong()).isEqualTo(2048);
    }

    @Test
    void shouldAnswer404ForAnAppPassportDoesNotServeWithoutAskingAssetService() {
        for (String path : List.of("/admin/apps/no-such-app/assets", "/admin/apps/Not%20An%20App/assets")) {
            assertRefused(calls.get(path, AdminCalls.asAdmin(admin)), 404, "ADMIN_OPERATION_FAILED");
            assertRefused(calls.send("PUT", path, "{\"max_file_bytes\":2048}", AdminCalls.asAdmin(admin)), 404, "ADMIN_OPERATION_FAILED");
        }
        assertThat(assets.requests).isEmpty();
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldPassOnSettingsOutOfBoundsAndAuditNothing() {
        AdminCalls.Answer tooLarge = calls.send("PUT", "/admin/apps/" + APP + "/assets", "{\"max_file_bytes\":52428800}",
                AdminCalls.asAdmin(admin));
        assertRefused(tooLarge, 400, "ADMIN_OPERATION_FAILED");
        assertThat(tooLarge.json().get("message").asString()).contains("max_file_bytes", "maxFileBytes must be 1024 to");
        assertRefused(calls.send("PUT", "/admin/apps/" + APP + "/assets", "{\"allowed_types\":[\"image/svg+xml\"]}",
                AdminCalls.asAdmin(admin)), 400, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.send("PUT", "/admin/apps/" + APP + "/assets", "{\"quota_bytes\":-1}", AdminCalls.asAdmin(admin)),
                400, "ADMIN_OPERATION_FAILED");
        assertThat(assets.requests).hasSize(3);

        assets.reset();
        assertRefused(calls.send("PUT", "/admin/apps/" + APP + "/assets", "{\"max_file_size\":2048}", AdminCalls.asAdmin(admin)),
                400, "ADMIN_OPERATION_FAILED");
        assertRefused(calls.send("PUT", "/admin/apps/" + APP + "/assets", "[2048]", AdminCalls.asAdmin(admin)),
                400, "ADMIN_OPERATION_FAILED");
        assertThat(assets.requests).isEmpty();
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldAnswer503AndAuditNothingWhenAssetServiceRefusesTheCredential() {
        assets.refuseCredential = true;

        assertRefused(calls.get("/admin/apps/" + APP + "/assets", AdminCalls.asAdmin(admin)), 503, "SERVICE_UNAVAILABLE");
        assertRefused(calls.send("PUT", "/admin/apps/" + APP + "/assets", "{\"max_file_bytes\":2048}", AdminCalls.asAdmin(admin)),
                503, "SERVICE_UNAVAILABLE");
        assertThat(assets.requests).hasSize(2);
        assertThat(rows()).isEmpty();
    }

    @Test
    void shouldAuditAChangeAsOfUnknownOutcomeWhenAssetServiceFailsAfterActing() {
        assets.failAfterActing = true;

        assertRefused(calls.send("PUT", "/admin/apps/" + APP + "/assets", "{\"max_file_bytes\":4096}", AdminCalls.asAdmin(admin)),
                503, "SERVICE_UNAVAILABLE");

        Map<String, Object> row = onlyRow();
        assertThat(row).containsEntry("action", "app.update_upload_settings");
        assertThat((String) row.get("after")).contains("\"max_file_bytes\": 4096", "\"outcome\": \"unknown\"");
    }

    @Test
    void shouldRefuseAUserWhoIsNoAdministrator() {
        assertRefused(calls.get("/admin/apps/" + APP + "/assets", AdminCalls.asUser(admin, 1, APP)), 403, "FORBIDDEN");
        assertRefused(calls.send("PUT", "/admin/apps/" + APP + "/assets", "{\"max_file_bytes\":2048}", AdminCalls.asUser(admin, 1, APP)),
                403, "FORBIDDEN");
        assertThat(assets.requests).isEmpty();
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static void assertRefused(AdminCalls.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().get("success").asBoolean()).isFalse();
        assertThat(answer.errorCode()).isEqualTo(code);
        assertThat(answer.json().get("message").asString()).isNotBlank();
    }

    private Map<String, Object> onlyRow() {
        List<Map<String, Object>> rows = rows();
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private List<Map<String, Object>> rows() {
        return jdbc.sql("""
                SELECT app_id, action, target_type, target_id, actor_ip, before::text AS before, after::text AS after
                FROM admin_audit_log WHERE actor_user_id = :actor ORDER BY id""").param("actor", admin).query().listOfRows();
    }
}
