package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;
import tools.jackson.databind.JsonNode;

/**
 * Memberships through the gateway, with membership-service and passport in their own JVMs: an
 * operator's invite redeemed by a user, its capabilities travelling through Kafka into the next
 * token and the gateway's capability rules, an invite code given at sign-up, and a client trying
 * its way around the gateway with other apps' tokens and identity headers it made up.
 */
class MembershipEndToEndTest {

    private static final List<String> PRO = List.of("cloud:deploy", "server:create", "invite:create", "oauth_app:create");
    private static final Duration EVENTUAL = Duration.ofSeconds(15);

    private static GatewaySuite suite;
    private static ServiceProbe gateway;
    private static String defaultAppKey;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.startWithMembership("membership");
        gateway = suite.throughGateway;
        defaultAppKey = suite.issueKey("default");
        Account first = register("first");
        ServiceProbe.Response routed = suite.awaitRouted("/api/membership/me", Duration.ofSeconds(60), bearer(first.accessToken()));
        assertThat(routed.status()).as("the gateway routes to membership-service: " + routed.body()).isEqualTo(200);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void shouldRedeemAnOperatorsInviteAndCarryItsCapabilitiesIntoTheNextToken() {
        String code = operatorInvite("pro", 5);
        Account carol = register("carol");

        ServiceProbe.Response redeemed = redeem(carol.accessToken(), code);
        ServiceProbe.Response me = gateway.get("/api/membership/me", bearer(carol.accessToken()));

        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(200);
        assertThat(redeemed.json().get("tier").asString()).isEqualTo("pro");
        assertThat(redeemed.json().get("isMember").asBoolean()).isTrue();
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("status").asString()).isEqualTo("active");
        assertThat(me.json().get("tier").asString()).isEqualTo("pro");
        assertThat(me.json().get("level").asInt()).isEqualTo(2);
        assertThat(strings(me.json().get("capabilities"))).containsExactlyInAnyOrderElementsOf(PRO);

        // The token issued before the redemption carries nothing: the gateway refuses what needs a capability.
        ServiceProbe.Response withOldToken = createOwnInvite(carol.accessToken());
        assertThat(withOldToken.status()).as(withOldToken.body()).isEqualTo(403);
        assertThat(withOldToken.json().get("error").asString()).isEqualTo("CAPABILITY_REQUIRED");
        assertThat(withOldToken.json().get("capability").asString()).isEqualTo("invite:create");

        String freshToken = refreshUntilCapable(carol);
        ServiceProbe.Response validated = gateway.post("/auth/v1/token/validate", "{\"token\":\"" + freshToken + "\"}",
                bearer(defaultAppKey));
        assertThat(validated.status()).as(validated.body()).isEqualTo(200);
        assertThat(strings(validated.json().get("capabilities"))).containsExactlyInAnyOrderElementsOf(PRO);

        ServiceProbe.Response withFreshToken = createOwnInvite(freshToken);
        assertThat(withFreshToken.status()).as(withFreshToken.body()).isEqualTo(201);
        assertThat(withFreshToken.json().get("code").asString()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
        assertThat(withFreshToken.json().get("tier").asString()).isEqualTo("member");
    }

    @Test
    void shouldRedeemTheInviteCodeGivenAtSignUp() {
        String code = operatorInvite("member", 1);

        Account dave = register("dave", code);

        JsonNode me = awaitMembership(dave.accessToken(), body -> body.get("isMember").asBoolean());
        assertThat(me.get("tier").asString()).isEqualTo("member");
        assertThat(strings(me.get("capabilities"))).containsExactlyInAnyOrder("cloud:deploy", "server:create");
    }

    @Test
    void shouldRefuseMembershipRoutesWithoutATokenOfThePlatformApp() {
        String tenantKey = suite.createApp("membership-tenant");
        String tenantToken = suite.accessTokenOfNewUser(tenantKey, "membership-tenant", "tenant-user@example.com", "secret-t");

        assertThat(gateway.get("/api/membership/me").status()).isEqualTo(401);
        assertThat(gateway.post("/api/membership/redeem-invite", "{\"inviteCode\":\"AAAA-AAAA-AAAA-AAAA\"}").status())
                .isEqualTo(401);
        ServiceProbe.Response otherAppsToken = gateway.get("/api/membership/me", bearer(tenantToken));
        assertThat(otherAppsToken.status()).as(otherAppsToken.body()).isEqualTo(401);
    }

    @Test
    void shouldKeepUsersOffTheOperatorsRoutesAndEveryoneOffTheInternalOnes() {
        Account erin = register("erin");

        ServiceProbe.Response list = gateway.get("/admin/membership/invites", bearer(erin.accessToken()));
        ServiceProbe.Response create = gateway.post("/admin/membership/invites", "{\"tier\":\"pro\",\"max_uses\":100}",
                bearer(erin.accessToken()));

        assertThat(list.status()).as(list.body()).isEqualTo(403);
        assertThat(create.status()).as(create.body()).isEqualTo(403);
        for (String path : List.of("/internal/apps/default/invites", "/internal/apps/default/users/" + erin.userId() + "/membership")) {
            assertThat(gateway.get(path, bearer(erin.accessToken())).status()).as(path).isEqualTo(404);
            assertThat(gateway.get(path, "X-Passport-Internal-Credential", GatewaySuite.INTERNAL_CREDENTIAL).status()).as(path)
                    .isEqualTo(404);
        }
        ServiceProbe.Response internalCreate = gateway.post("/internal/apps/default/invites", "{\"tier\":\"pro\",\"maxUses\":100}",
                "X-Passport-Internal-Credential", GatewaySuite.INTERNAL_CREDENTIAL);
        assertThat(internalCreate.status()).as(internalCreate.body()).isEqualTo(404);
    }

    @Test
    void shouldSeeOnlyTheTokensUserWhateverIdentityHeadersTheClientSends() {
        Account member = register("frank");
        assertThat(redeem(member.accessToken(), operatorInvite("pro", 1)).status()).isEqualTo(200);
        Account grace = register("grace");
        String[] spoofed = {"X-Passport-User-Id", member.userId(), "X-Passport-User-Role", "9",
                "X-Passport-User-Capabilities", "invite:create", "X-Passport-App-Id", "default",
                "X-Passport-Internal-Credential", GatewaySuite.INTERNAL_CREDENTIAL};

        ServiceProbe.Response me = gateway.get("/api/membership/me", with(bearer(grace.accessToken()), spoofed));
        ServiceProbe.Response invite = gateway.post("/api/membership/invites", "{\"maxUses\":1}",
                with(bearer(grace.accessToken()), spoofed));
        ServiceProbe.Response admin = gateway.post("/admin/membership/invites", "{\"tier\":\"pro\",\"max_uses\":1}",
                with(bearer(grace.accessToken()), spoofed));

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("isMember").asBoolean()).as("grace's membership, not frank's").isFalse();
        assertThat(me.json().get("tier").asString()).isEqualTo("free");
        assertThat(strings(me.json().get("capabilities"))).isEmpty();
        assertThat(invite.status()).as(invite.body()).isEqualTo(403);
        assertThat(invite.json().get("error").asString()).isEqualTo("CAPABILITY_REQUIRED");
        assertThat(admin.status()).as(admin.body()).isEqualTo(403);

        assertThat(gateway.get("/api/membership/me", spoofed).status()).as("no token, made-up identity").isEqualTo(401);
        assertThat(gateway.post("/api/membership/invites", "{\"maxUses\":1}", spoofed).status()).isEqualTo(401);
        assertThat(gateway.post("/api/membership/redeem-invite", "{\"inviteCode\":\"AAAA-AAAA-AAAA-AAAA\"}", spoofed).status())
                .isEqualTo(401);
        assertThat(gateway.get("/api/membership/me", bearer(member.accessToken())).json().get("tier").asString())
                .as("frank's own token still sees frank's membership").isEqualTo("pro");
    }

    private record Account(String userId, String accessToken, String refreshToken) {
    }

    private static Account register(String name) {
        return register(name, null);
    }

    private static Account register(String name, String inviteCode) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        String body = inviteCode == null
                ? "{\"email\":\"%s\",\"password\":\"secure-password1\"}".formatted(email)
                : "{\"email\":\"%s\",\"password\":\"secure-password1\",\"inviteCode\":\"%s\"}".formatted(email, inviteCode);
        ServiceProbe.Response registered = gateway.post("/api/auth/register", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String accessToken = registered.json().get("accessToken").asString();
        ServiceProbe.Response validated = gateway.post("/auth/v1/token/validate", "{\"token\":\"" + accessToken + "\"}",
                bearer(defaultAppKey));
        assertThat(validated.status()).as(validated.body()).isEqualTo(200);
        return new Account(validated.json().get("userId").asString(), accessToken, registered.json().get("refreshToken").asString());
    }

    /** An operator's invite, made on membership-service's internal API as admin-service would. */
    private static String operatorInvite(String tier, int maxUses) {
        ServiceProbe.Response created = suite.membershipDirectly.post("/internal/apps/default/invites",
                "{\"tier\":\"%s\",\"maxUses\":%d,\"note\":\"e2e\"}".formatted(tier, maxUses),
                "X-Passport-Internal-Credential", GatewaySuite.INTERNAL_CREDENTIAL);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("code").asString();
    }

    private static ServiceProbe.Response redeem(String accessToken, String code) {
        return gateway.post("/api/membership/redeem-invite", "{\"inviteCode\":\"" + code + "\"}", bearer(accessToken));
    }

    private static ServiceProbe.Response createOwnInvite(String accessToken) {
        return gateway.post("/api/membership/invites", "{\"maxUses\":1,\"note\":\"a friend\"}", bearer(accessToken));
    }

    /**
     * Refreshes until passport, having consumed {@code membership.changed}, issues a token with
     * {@code invite:create}. Each refresh rotates the refresh token; the gateway counts refreshes
     * against the auth limit per IP, hence the pause between tries.
     */
    private static String refreshUntilCapable(Account account) {
        long deadline = System.nanoTime() + EVENTUAL.toNanos();
        String refreshToken = account.refreshToken();
        String last = "no refresh yet";
        while (System.nanoTime() < deadline) {
            ServiceProbe.Response refreshed = gateway.post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
            assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
            refreshToken = refreshed.json().get("refreshToken").asString();
            String accessToken = refreshed.json().get("accessToken").asString();
            ServiceProbe.Response validated = gateway.post("/auth/v1/token/validate", "{\"token\":\"" + accessToken + "\"}",
                    bearer(defaultAppKey));
            last = validated.body();
            if (validated.status() == 200 && strings(validated.json().get("capabilities")).contains("invite:create")) {
                return accessToken;
            }
            GatewaySuite.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("no token with invite:create within " + EVENTUAL + "; last validation: " + last
                + "; see " + suite.passport.describe());
    }

    private static JsonNode awaitMembership(String accessToken, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + EVENTUAL.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            ServiceProbe.Response me = gateway.get("/api/membership/me", bearer(accessToken));
            last = me.body();
            if (me.status() == 200 && condition.test(me.json())) {
                return me.json();
            }
            GatewaySuite.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("the membership did not reach the expected state within " + EVENTUAL + "; last answer: " + last
                + "; see " + suite.membership.describe());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asString()));
        }
        return values;
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String[] with(String[] first, String[] second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
