package io.passportsuite.membership.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.events.Topics;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.membership.SuiteCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + SuiteCalls.CREDENTIAL)
@RealInfrastructure
class OperatorChangesIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ExpiringMemberships expiring;

    private SuiteCalls calls;

    @BeforeEach
    void setUp() {
        calls = new SuiteCalls(port);
    }

    @Test
    void shouldExpireAnEndedMembershipAndPublishTheLowerCapabilitiesUnderAHigherRevision() {
        UUID user = UUID.randomUUID();
        String endsAt = Instant.now().minusSeconds(5).toString();
        ServiceProbe.Response set = internal("PUT", membershipOf(SuiteCalls.APP, user),
                "{\"tier\":\"pro\",\"status\":\"active\",\"endsAt\":\"" + endsAt + "\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        grant(SuiteCalls.APP, user, "server:create", "grant");

        expiring.expireEnded();

        assertThat(jdbc.sql("SELECT status FROM membership WHERE app_id = 'default' AND user_id = :user").param("user", user)
                .query(String.class).single()).isEqualTo("expired");
        List<JsonNode> events = membershipEvents(user, 3);
        JsonNode last = events.getLast().get("payload");
        assertThat(last.get("status").asString()).isEqualTo("expired");
        assertThat(last.get("tier").asString()).isEqualTo("free");
        assertThat(last.get("member").asBoolean()).isFalse();
        assertThat(texts(last.get("capabilities"))).containsExactly("server:create");
        assertThat(events).extracting(event -> event.get("payload").get("revision").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(calls.get("/api/membership/me", user).json().get("status").asString()).isEqualTo("expired");
    }

    @Test
    void shouldPublishEveryHolderOfAChangedTierWithItsNewCapabilities() {
        String app = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID pro = UUID.randomUUID();
        for (UUID user : List.of(first, second)) {
            assertThat(internal("PUT", membershipOf(app, user), "{\"tier\":\"member\",\"status\":\"active\"}").status()).isEqualTo(200);
        }
        assertThat(internal("PUT", membershipOf(app, pro), "{\"tier\":\"pro\",\"status\":\"active\"}").status()).isEqualTo(200);

        ServiceProbe.Response changed = internal("PUT", "/internal/apps/" + app + "/tiers/member",
                "{\"level\":1,\"capabilities\":[\"cloud:deploy\",\"server:create\",\"oauth_app:create\"]}");

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("publishedMembers").asInt()).isEqualTo(2);
        for (UUID user : List.of(first, second)) {
            List<JsonNode> events = membershipEvents(user, 2);
            JsonNode last = events.getLast().get("payload");
            assertThat(last.get("appId").asString()).isEqualTo(app);
            assertThat(last.get("revision").asLong()).isEqualTo(2);
            assertThat(texts(last.get("capabilities"))).containsExactly("cloud:deploy", "server:create", "oauth_app:create");
        }
        assertThat(revisionOf(app, pro)).isEqualTo(1);
        // The app got its own tiers; the template app's, which others use, stay as they were.
        assertThat(jdbc.sql("SELECT cardinality(capabilities) FROM tier WHERE app_id = 'default' AND name = 'member'")
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM tier WHERE app_id = :app").param("app", app).query(Integer.class).single()).isEqualTo(3);

        ServiceProbe.Response created = internal("PUT", "/internal/apps/" + app + "/tiers/gold",
                "{\"level\":3,\"capabilities\":[\"cloud:deploy\"],\"monthlyInviteQuota\":20}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("publishedMembers").asInt()).isZero();
        assertThat(internal("PUT", membershipOf(app, first), "{\"tier\":\"gold\",\"status\":\"active\"}").json().get("level").asInt())
                .isEqualTo(3);
    }

    @Test
    void shouldListAnAppsTiersTheTemplatesUntilItChangesOne() {
        String app = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        String tiers = "/internal/apps/" + app + "/tiers";

        ServiceProbe.Response inherited = internal("GET", tiers, null);
        assertThat(inherited.status()).as(inherited.body()).isEqualTo(200);
        assertThat(inherited.json().get("ownTiers").asBoolean()).isFalse();
        List<JsonNode> template = new ArrayList<>();
        inherited.json().get("tiers").forEach(template::add);
        assertThat(template).extracting(tier -> tier.get("name").asString()).containsExactly("free", "member", "pro");
        assertThat(texts(template.get(2).get("capabilities"))).contains("invite:create");
        assertThat(template.get(2).get("monthlyInviteQuota").asInt()).isEqualTo(10);

        assertThat(internal("PUT", tiers + "/gold", "{\"level\":3,\"capabilities\":[\"cloud:deploy\"],\"monthlyInviteQuota\":4}")
                .status()).isEqualTo(201);
        JsonNode own = internal("GET", tiers, null).json();
        assertThat(own.get("ownTiers").asBoolean()).isTrue();
        assertThat(own.get("tiers")).hasSize(4);
        JsonNode gold = own.get("tiers").get(3);
        assertThat(gold.get("name").asString()).isEqualTo("gold");
        assertThat(gold.get("level").asInt()).isEqualTo(3);
        assertThat(texts(gold.get("capabilities"))).containsExactly("cloud:deploy");
        assertThat(gold.get("monthlyInviteQuota").asInt()).isEqualTo(4);

        assertThat(calls.send("GET", tiers, null, SuiteCalls.asUser(UUID.randomUUID(), 9)).status()).isEqualTo(403);
    }

    @Test
    void shouldPublishTheUsersOfTheLowestTierWhenItChanges() {
        String app = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        UUID expired = UUID.randomUUID();
        UUID member = UUID.randomUUID();
        internal("PUT", membershipOf(app, expired), "{\"tier\":\"member\",\"status\":\"expired\"}");
        internal("PUT", membershipOf(app, member), "{\"tier\":\"member\",\"status\":\"active\"}");

        ServiceProbe.Response changed = internal("PUT", "/internal/apps/" + app + "/tiers/free", "{\"level\":0,\"capabilities\":[\"cloud:deploy\"]}");

        assertThat(changed.json().get("publishedMembers").asInt()).as(changed.body()).isEqualTo(1);
        JsonNode last = membershipEvents(expired, 2).getLast().get("payload");
        assertThat(last.get("tier").asString()).isEqualTo("free");
        assertThat(texts(last.get("capabilities"))).containsExactly("cloud:deploy");
        assertThat(revisionOf(app, member)).isEqualTo(1);
    }

    @Test
    void shouldChangeMeAndPublishWithGrantsAndRevocations() {
        UUID user = UUID.randomUUID();
        calls.redeem(user, calls.invite("member", 1));

        ServiceProbe.Response granted = grant(SuiteCalls.APP, user, "oauth_app:create", "grant");
        ServiceProbe.Response revoked = grant(SuiteCalls.APP, user, "server:create", "revoke");
        ServiceProbe.Response again = grant(SuiteCalls.APP, user, "server:create", "revoke");

        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(texts(granted.json().get("capabilities"))).containsExactly("cloud:deploy", "server:create", "oauth_app:create");
        assertThat(texts(revoked.json().get("capabilities"))).containsExactly("cloud:deploy", "oauth_app:create");
        assertThat(again.json().get("revision").asLong()).isEqualTo(revoked.json().get("revision").asLong());
        assertThat(texts(calls.get("/api/membership/me", user).json().get("capabilities"))).containsExactly("cloud:deploy", "oauth_app:create");
        List<JsonNode> events = membershipEvents(user, 3);
        assertThat(events).extracting(event -> event.get("payload").get("revision").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(texts(events.getLast().get("payload").get("capabilities"))).containsExactly("cloud:deploy", "oauth_app:create");

        ServiceProbe.Response restored = internal("DELETE", "/internal/apps/default/users/" + user + "/capabilities/server:create?kind=revoke", null);
        assertThat(texts(restored.json().get("capabilities"))).containsExactly("cloud:deploy", "server:create", "oauth_app:create");
        assertThat(texts(membershipEvents(user, 4).getLast().get("payload").get("capabilities")))
                .containsExactly("cloud:deploy", "server:create", "oauth_app:create");
    }

    @Test
    void shouldGiveAUserWithoutMembershipAGrantUnderTheLowestTier() {
        UUID user = UUID.randomUUID();

        ServiceProbe.Response granted = grant(SuiteCalls.APP, user, "cloud:deploy", "grant");

        assertThat(granted.json().get("tier").asString()).isEqualTo("free");
        assertThat(granted.json().get("isMember").asBoolean()).isFalse();
        assertThat(texts(granted.json().get("capabilities"))).containsExactly("cloud:deploy");
        assertThat(membershipEvents(user, 1).getFirst().get("payload").get("revision").asLong()).isEqualTo(1);
    }

    @Test
    void shouldEmptyTheCapabilitiesOfASuspendedMember() {
        UUID user = UUID.randomUUID();
        calls.redeem(user, calls.invite("pro", 1));
        grant(SuiteCalls.APP, user, "cloud:deploy", "grant");

        ServiceProbe.Response suspended = internal("PUT", membershipOf(SuiteCalls.APP, user), "{\"tier\":\"pro\",\"status\":\"suspended\"}");

        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.json().get("status").asString()).isEqualTo("suspended");
        assertThat(suspended.json().get("capabilities")).isEmpty();
        assertThat(calls.get("/api/membership/me", user).json().get("capabilities")).isEmpty();
        JsonNode last = membershipEvents(user, 3).getLast().get("payload");
        assertThat(last.get("status").asString()).isEqualTo("suspended");
        assertThat(last.get("capabilities")).isEmpty();
        assertThat(last.get("revision").asLong()).isEqualTo(3);
        // An invite does not lift it.
        assertThat(calls.redeem(user, calls.invite("member", 1)).json().get("status").asString()).isEqualTo("suspended");
    }

    @Test
    void shouldRefuseBadInputInThePlainFormat() {
        UUID user = UUID.randomUUID();
        String membership = membershipOf(SuiteCalls.APP, user);

        assertError(internal("PUT", membership, "{\"tier\":\"gold\",\"status\":\"active\"}"), 404, "NOT_FOUND");
        assertError(internal("PUT", membership, "{\"tier\":\"pro\",\"status\":\"paused\"}"), 400, "VALIDATION_FAILED");
        assertError(internal("PUT", membership, "{\"tier\":\"pro\"}"), 400, "VALIDATION_FAILED");
        assertError(internal("PUT", membership, "{\"tier\":\"pro\",\"status\":\"active\",\"endsAt\":\"soon\"}"), 400, "VALIDATION_FAILED");
        assertError(internal("PUT", membership, "[]"), 400, "MALFORMED_REQUEST");
        assertError(internal("PUT", "/internal/apps/default/users/not-a-user/membership", "{\"tier\":\"pro\",\"status\":\"active\"}"),
                400, "VALIDATION_FAILED");

        String capabilities = "/internal/apps/default/users/" + user + "/capabilities/";
        assertError(internal("POST", capabilities + "Cloud:Deploy?kind=grant", null), 400, "VALIDATION_FAILED");
        assertError(internal("POST", capabilities + "deploy?kind=grant", null), 400, "VALIDATION_FAILED");
        assertError(internal("POST", capabilities + "cloud:deploy?kind=allow", null), 400, "VALIDATION_FAILED");
        assertError(internal("POST", capabilities + "cloud:deploy", null), 400, "VALIDATION_FAILED");

        String app = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        String tiers = "/internal/apps/" + app + "/tiers/";
        assertError(internal("PUT", tiers + "gold", "{\"level\":1,\"capabilities\":[]}"), 400, "VALIDATION_FAILED");
        assertError(internal("PUT", tiers + "gold", "{\"level\":-1,\"capabilities\":[]}"), 400, "VALIDATION_FAILED");
        assertError(internal("PUT", tiers + "gold", "{\"level\":5,\"capabilities\":[\"cloud-deploy\"]}"), 400, "VALIDATION_FAILED");
        assertError(internal("PUT", tiers + "gold", "{\"level\":5}"), 400, "VALIDATION_FAILED");
        assertError(internal("PUT", tiers + "gold", "{\"level\":5,\"capabilities\":[1]}"), 400, "VALIDATION_FAILED");
        assertError(internal("PUT", tiers + "Gold!", "{\"level\":5,\"capabilities\":[]}"), 400, "VALIDATION_FAILED");
        // A refused change leaves the app on the template's tiers.
        assertThat(jdbc.sql("SELECT count(*) FROM tier WHERE app_id = :app").param("app", app).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM membership WHERE user_id = :user").param("user", user).query(Integer.class).single()).isZero();

        // What the database cannot keep is refused before it: dates out of range, NUL, over-long names and app ids.
        assertError(internal("PUT", membership, "{\"tier\":\"pro\",\"status\":\"active\",\"endsAt\":\"+999999999-12-31T23:59:59Z\"}"),
                400, "VALIDATION_FAILED");
        assertError(internal("PUT", membership, "{\"tier\":\"pro\",\"status\":\"active\",\"endsAt\":\"-5000-01-01T00:00:00Z\"}"),
                400, "VALIDATION_FAILED");
        assertError(internal("POST", capabilities + "a".repeat(70) + ":deploy?kind=grant", null), 400, "VALIDATION_FAILED");
        assertError(internal("PUT", tiers + "gold", "{\"level\":5,\"capabilities\":[\"" + "a".repeat(70) + ":deploy\"]}"),
                400, "VALIDATION_FAILED");
        assertError(internal("POST", "/internal/apps/default/invites", "{\"tier\":\"pro\",\"maxUses\":1,\"note\":\"a\\u0000b\"}"),
                400, "VALIDATION_FAILED");
        assertError(internal("PUT", "/internal/apps/" + "x".repeat(3000) + "/tiers/gold", "{\"level\":5,\"capabilities\":[]}"),
                400, "VALIDATION_FAILED");
        assertError(calls.send("GET", membership, null, concat(SuiteCalls.asService(), "Accept", "text/html")), 406, "VALIDATION_FAILED");

        ServiceProbe.Response fromAClient = calls.send("PUT", membership, "{\"tier\":\"pro\",\"status\":\"active\"}", SuiteCalls.asUser(user, 9));
        assertThat(fromAClient.status()).isEqualTo(403);
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    private ServiceProbe.Response internal(String method, String path, String json) {
        return calls.send(method, path, json, SuiteCalls.asService());
    }

    private ServiceProbe.Response grant(String app, UUID user, String capability, String kind) {
        return internal("POST", "/internal/apps/" + app + "/users/" + user + "/capabilities/" + capability + "?kind=" + kind, null);
    }

    private static String membershipOf(String app, UUID user) {
        return "/internal/apps/" + app + "/users/" + user + "/membership";
    }

    private long revisionOf(String app, UUID user) {
        return jdbc.sql("SELECT revision FROM membership WHERE app_id = :app AND user_id = :user").param("app", app).param("user", user)
                .query(Long.class).single();
    }

    private static List<JsonNode> membershipEvents(UUID user, int expected) {
        return TestKafka.readFromStart(Topics.MEMBERSHIP_EVENTS, record -> user.toString().equals(record.key()), expected,
                Duration.ofSeconds(60)).stream().map(record -> JsonMapper.shared().readTree(record.value())).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }

    private static void assertError(ServiceProbe.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("error").asString()).as(response.body()).isEqualTo(code);
        assertThat(response.json().get("message").asString()).isNotBlank();
    }
}
