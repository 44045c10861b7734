package io.passportsuite.membership.invite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.events.Topics;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.TestKafka;
import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.membership.SuiteCalls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + SuiteCalls.CREDENTIAL)
@RealInfrastructure
class InviteIntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    private SuiteCalls calls;

    @BeforeEach
    void setUp() {
        calls = new SuiteCalls(port);
    }

    @Test
    void shouldAnswerAUserWithoutMembershipAsFreeNeverNotFound() {
        ServiceProbe.Response me = calls.get("/api/membership/me", UUID.randomUUID());

        assertThat(me.status()).isEqualTo(200);
        JsonNode body = me.json();
        assertThat(body.get("status").asString()).isEqualTo("none");
        assertThat(body.get("tier").asString()).isEqualTo("free");
        assertThat(body.get("level").asInt()).isZero();
        assertThat(body.get("isMember").asBoolean()).isFalse();
        assertThat(body.get("capabilities").isArray()).isTrue();
        assertThat(body.get("capabilities")).isEmpty();
    }

    @Test
    void shouldRedeemACodeTypedInLowerCaseWithoutDashesAndWriteTheChangeToTheOutbox() {
        UUID user = UUID.randomUUID();
        String code = calls.invite("member", 2);
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");

        ServiceProbe.Response redeemed = calls.redeem(user, code.replace("-", "").toLowerCase());

        assertThat(redeemed.status()).isEqualTo(200);
        assertThat(redeemed.json().get("tier").asString()).isEqualTo("member");
        assertThat(redeemed.json().get("status").asString()).isEqualTo("active");
        assertThat(redeemed.json().get("isMember").asBoolean()).isTrue();
        assertThat(redeemed.json().get("level").asInt()).isEqualTo(1);
        assertThat(texts(redeemed.json().get("capabilities"))).containsExactly("cloud:deploy", "server:create");
        assertThat(calls.get("/api/membership/me", user).json()).isEqualTo(redeemed.json());
        List<JsonNode> events = membershipEvents(user, 1);
        assertThat(events).hasSize(1);
        JsonNode event = events.getFirst();
        assertThat(event.get("type").asString()).isEqualTo("membership.changed");
        assertThat(event.get("payload").get("tier").asString()).isEqualTo("member");
        assertThat(event.get("payload").get("member").asBoolean()).isTrue();
        assertThat(texts(event.get("payload").get("capabilities"))).containsExactly("cloud:deploy", "server:create");
    }

    @Test
    void shouldRaiseTheTierWithGrowingRevisionsAndNeverLowerIt() {
        UUID user = UUID.randomUUID();

        assertThat(calls.redeem(user, calls.invite("member", 1)).status()).isEqualTo(200);
        ServiceProbe.Response pro = calls.redeem(user, calls.invite("pro", 1));
        ServiceProbe.Response memberAgain = calls.redeem(user, calls.invite("member", 1));

        assertThat(pro.json().get("tier").asString()).isEqualTo("pro");
        assertThat(texts(pro.json().get("capabilities")))
                .containsExactly("cloud:deploy", "server:create", "invite:create", "oauth_app:create");
        assertThat(memberAgain.status()).isEqualTo(200);
        assertThat(memberAgain.json().get("tier").asString()).isEqualTo("pro");
        assertThat(membershipEvents(user, 2)).extracting(event -> event.get("payload").get("revision").asLong())
                .containsExactly(1L, 2L);
    }

    @Test
    void shouldAnswerEachUnusableCodeWithItsOwnError() {
        UUID user = UUID.randomUUID();
        assertError(calls.redeem(user, "ABCD-EFGH-JKMN-PQRS"), 404, "INVITE_NOT_FOUND");
        assertError(calls.redeem(user, "not a code"), 404, "INVITE_NOT_FOUND");

        String expired = calls.invite("member", 5);
        jdbc.sql("UPDATE invite SET expires_at = now() - interval '1 minute' WHERE code_digest = :digest")
                .param("digest", InviteCode.digest(InviteCode.normalised(expired).orElseThrow())).update();
        assertError(calls.redeem(user, expired), 410, "INVITE_EXPIRED");

        String revoked = calls.invite("member", 5);
        String id = idOf(revoked);
        ServiceProbe.Response revocation = calls.admin("DELETE", "/admin/membership/invites/" + id, null);
        assertThat(revocation.status()).isEqualTo(200);
        assertThat(revocation.json().get("success").asBoolean()).isTrue();
        assertThat(revocation.json().get("data").get("revoked_at").isNull()).isFalse();
        assertError(calls.redeem(user, revoked), 410, "INVITE_REVOKED");

        String single = calls.invite("member", 1);
        assertThat(calls.redeem(user, single).status()).isEqualTo(200);
        assertError(calls.redeem(user, single), 409, "INVITE_ALREADY_REDEEMED");
        assertError(calls.redeem(UUID.randomUUID(), single), 409, "INVITE_EXHAUSTED");

        assertError(calls.post("/api/membership/redeem-invite", "{}", user), 400, "VALIDATION_FAILED");
        assertError(calls.post("/api/membership/redeem-invite", "{\"inviteCode\":7}", user), 400, "VALIDATION_FAILED");
        assertError(calls.post("/api/membership/redeem-invite", "[1]", user), 400, "MALFORMED_REQUEST");
        assertError(calls.post("/api/membership/redeem-invite", "not json", user), 400, "MALFORMED_REQUEST");
    }

    @Test
    void shouldLetExactlyOneOfManyRacingUsersTakeTheLastUse() throws Exception {
        String code = calls.invite("member", 1);
        int racers = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ServiceProbe.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                UUID user = UUID.randomUUID();
                Callable<ServiceProbe.Response> race = () -> {
                    start.await();
                    return calls.redeem(user, code);
                };
                answers.add(pool.submit(race));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<ServiceProbe.Response> answer : answers) {
                ServiceProbe.Response response = answer.get();
                statuses.add(response.status());
                if (response.status() != 200) {
                    assertThat(response.json().get("error").asString()).isEqualTo("INVITE_EXHAUSTED");
                }
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(racers - 1);
        }
        String digest = InviteCode.digest(InviteCode.normalised(code).orElseThrow());
        assertThat(jdbc.sql("SELECT uses FROM invite WHERE code_digest = :d").param("d", digest).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM redemption r JOIN invite i ON i.id = r.invite_id WHERE i.code_digest = :d")
                .param("d", digest).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void shouldCountAnEndedMembershipAsExpiredWithTheCapabilitiesOfFree() {
        UUID user = UUID.randomUUID();
        calls.redeem(user, calls.invite("pro", 1));
        jdbc.sql("UPDATE membership SET ends_at = now() - interval '1 second' WHERE user_id = :user").param("user", user).update();

        JsonNode me = calls.get("/api/membership/me", user).json();

        assertThat(me.get("status").asString()).isEqualTo("expired");
        assertThat(me.get("tier").asString()).isEqualTo("free");
        assertThat(me.get("isMember").asBoolean()).isFalse();
        assertThat(me.get("capabilities")).isEmpty();
        // An invite renews an ended membership.
        assertThat(calls.redeem(user, calls.invite("member", 1)).json().get("status").asString()).isEqualTo("active");
    }

    @Test
    void shouldAddGrantsAndTakeRevocationsOffTheTier() {
        UUID user = UUID.randomUUID();
        calls.redeem(user, calls.invite("member", 1));
        jdbc.sql("""
                INSERT INTO capability_override (app_id, user_id, capability, kind) VALUES
                    ('default', :user, 'oauth_app:create', 'grant'), ('default', :user, 'server:create', 'revoke')
                """).param("user", user).update();

        assertThat(texts(calls.get("/api/membership/me", user).json().get("capabilities")))
                .containsExactly("cloud:deploy", "oauth_app:create");
    }

    @Test
    void shouldRefuseInvitesToAMemberWithoutInviteCreateSayingWhereToGetIt() {
        UUID member = UUID.randomUUID();
        calls.redeem(member, calls.invite("member", 1));

        ServiceProbe.Response refused = calls.post("/api/membership/invites", "{}", member);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asString()).isEqualTo("CAPABILITY_REQUIRED");
        assertThat(refused.json().get("capability").asString()).isEqualTo("invite:create");
        assertThat(refused.json().get("howToGet").asString()).contains("/api/membership/redeem-invite");
    }

    @Test
    void shouldLetAProMemberInviteWithinTheMonthlyQuota() {
        UUID pro = UUID.randomUUID();
        calls.redeem(pro, calls.invite("pro", 1));

        ServiceProbe.Response first = calls.post("/api/membership/invites", "{\"maxUses\":6,\"note\":\"team\"}", pro);
        ServiceProbe.Response tooMany = calls.post("/api/membership/invites", "{\"maxUses\":5}", pro);
        ServiceProbe.Response fits = calls.post("/api/membership/invites", "{\"maxUses\":4}", pro);
        ServiceProbe.Response beyond = calls.send("POST", "/api/membership/invites", null, SuiteCalls.asUser(pro, 0));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("tier").asString()).isEqualTo("member");
        assertThat(first.json().get("maxUses").asInt()).isEqualTo(6);
        assertError(tooMany, 403, "INVITE_QUOTA_EXCEEDED");
        assertThat(fits.status()).isEqualTo(201);
        assertError(beyond, 403, "INVITE_QUOTA_EXCEEDED");

        JsonNode mine = calls.get("/api/membership/invites", pro).json().get("invites");
        assertThat(mine).hasSize(2);
        mine.forEach(invite -> assertThat(invite.has("code")).isFalse());

        UUID invitee = UUID.randomUUID();
        ServiceProbe.Response redeemed = calls.redeem(invitee, first.json().get("code").asString());
        assertThat(redeemed.json().get("tier").asString()).isEqualTo("member");
    }

    @Test
    void shouldRefuseAMemberInviteWithAnExpiryInThePast() {
        UUID pro = UUID.randomUUID();
        calls.redeem(pro, calls.invite("pro", 1));

        assertError(calls.post("/api/membership/invites", "{\"expiresAt\":\"2020-01-01T00:00:00Z\"}", pro), 400, "VALIDATION_FAILED");
        assertError(calls.post("/api/membership/invites", "{\"expiresAt\":\"tomorrow\"}", pro), 400, "VALIDATION_FAILED");
    }

    @Test
    void shouldServeOperatorsInTheEnvelopeAndNobodyElse() {
        Instant expiry = Instant.now().plus(Duration.ofDays(100)).truncatedTo(ChronoUnit.SECONDS);
        ServiceProbe.Response created = calls.admin("POST", "/admin/membership/invites",
                "{\"tier\":\"pro\",\"max_uses\":3,\"expires_at\":\"" + expiry + "\",\"note\":\"launch\"}");
        assertThat(created.status()).isEqualTo(200);
        JsonNode data = created.json().get("data");
        assertThat(created.json().get("success").asBoolean()).isTrue();
        assertThat(created.json().get("message").asString()).isNotBlank();
        assertThat(data.get("tier").asString()).isEqualTo("pro");
        assertThat(data.get("max_uses").asInt()).isEqualTo(3);
        assertThat(data.get("uses").asInt()).isZero();
        assertThat(Instant.parse(data.get("expires_at").asString())).isEqualTo(expiry);

        ServiceProbe.Response list = calls.admin("GET", "/admin/membership/invites", null);
        assertThat(list.json().get("success").asBoolean()).isTrue();
        assertThat(list.json().get("data").get("invites")).isNotEmpty();
        list.json().get("data").get("invites").forEach(invite -> assertThat(invite.has("code")).isFalse());

        ServiceProbe.Response unknownTier = calls.admin("POST", "/admin/membership/invites", "{\"tier\":\"gold\",\"max_uses\":1}");
        assertThat(unknownTier.status()).isEqualTo(400);
        assertThat(unknownTier.json().get("error_code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(unknownTier.json().get("success").asBoolean()).isFalse();

        ServiceProbe.Response unknownId = calls.admin("DELETE", "/admin/membership/invites/" + UUID.randomUUID(), null);
        assertThat(unknownId.status()).isEqualTo(404);
        assertThat(unknownId.json().get("error_code").asString()).isEqualTo("NOT_FOUND");

        ServiceProbe.Response notAdmin = calls.send("POST", "/admin/membership/invites", "{\"tier\":\"pro\",\"max_uses\":1}",
                SuiteCalls.asUser(UUID.randomUUID(), 0));
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json().get("success").asBoolean()).isFalse();
        assertThat(notAdmin.json().get("error_code").asString()).isEqualTo("FORBIDDEN");
        assertThat(notAdmin.json().get("message").asString()).isEqualTo("权限不足，仅管理员可操作");
    }

    private String idOf(String code) {
        return jdbc.sql("SELECT id FROM invite WHERE code_digest = :digest")
                .param("digest", InviteCode.digest(InviteCode.normalised(code).orElseThrow())).query(UUID.class).single().toString();
    }

    /** The user's membership events as the relay published them, keyed by user id, in order. */
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
        assertThat(response.json().get("error").asString()).isEqualTo(code);
        assertThat(response.json().get("message").asString()).isNotBlank();
    }
}
