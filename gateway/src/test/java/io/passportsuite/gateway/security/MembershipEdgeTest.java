package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.nimbusds.jose.jwk.RSAKey;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.gateway.testing.FakeService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The membership routes through the gateway's own application.yml: capabilities travel from the
 * token to membership-service, capability rules are enforced at the edge, operators reach
 * membership-service under {@code /admin/membership}, and redemption is rate-limited per address
 * and per user (limits lowered here). Each test comes from addresses of its own (the test client
 * is a trusted proxy).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.security.internal-credential=" + FakePassport.CREDENTIAL,
        "passport.gateway.rate-limits.trusted-proxies=127.0.0.1/32, ::1",
        "GATEWAY_AUTH_LIMIT_PER_IP=6",
        "GATEWAY_REDEEM_INVITE_LIMIT_PER_USER=3"})
class MembershipEdgeTest {

    private static final FakePassport passport = new FakePassport();
    private static final RSAKey signingKey = TestTokens.newKey("key-1");
    private static final JsonMapper json = new JsonMapper();
    private static final AtomicInteger addresses = new AtomicInteger();

    @RegisterExtension
    static final FakeService membership = new FakeService();

    @RegisterExtension
    static final FakeService admin = new FakeService();

    static {
        passport.publish(signingKey);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
        registry.add("spring.cloud.discovery.client.simple.instances.membership-service[0].uri", membership::url);
        registry.add("spring.cloud.discovery.client.simple.instances.admin-service[0].uri", admin::url);
    }

    @AfterAll
    static void stop() {
        passport.close();
    }

    private static String token(int role, String... capabilities) {
        return token(UUID.randomUUID().toString(), role, capabilities);
    }

    private static String token(String userId, int role, String... capabilities) {
        var claims = TestTokens.claims(userId, role, UUID.randomUUID().toString());
        if (capabilities.length > 0) {
            claims.claim("caps", List.of(capabilities));
        }
        return "Bearer " + TestTokens.sign(signingKey, claims.build());
    }

    /** A client address no other test uses. */
    private static String newAddress() {
        int n = addresses.incrementAndGet();
        return "198.18." + (n / 250) + "." + (1 + n % 250);
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) {
        String[] withAddress = new String[headers.length + 2];
        System.arraycopy(headers, 0, withAddress, 0, headers.length);
        withAddress[headers.length] = "X-Forwarded-For";
        withAddress[headers.length + 1] = newAddress();
        return FakeService.call(port, method, path, body, withAddress);
    }

    private static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    @Test
    void shouldForwardTheTokensCapabilitiesAndNeverTheClients() {
        HttpResponse<String> member = call("GET", "/api/membership/me", null,
                "Authorization", token(1, "cloud:deploy", "server:create"),
                "X-Passport-User-Capabilities", "invite:create");
        FakeService.Received seen = membership.received().getLast();
        HttpResponse<String> free = call("GET", "/api/membership/me", null,
                "Authorization", token(1), "X-Passport-User-Capabilities", "invite:create,oauth_app:create");
        FakeService.Received seenFree = membership.received().getLast();

        assertThat(member.statusCode()).isEqualTo(200);
        assertThat(seen.headers().entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase("X-Passport-User-Capabilities")))
                .singleElement().satisfies(header -> assertThat(header.getValue()).containsExactly("cloud:deploy,server:create"));
        assertThat(seen.header("X-Passport-Internal-Credential")).isEqualTo(FakePassport.CREDENTIAL);
        assertThat(free.statusCode()).isEqualTo(200);
        assertThat(seenFree.header("X-Passport-User-Capabilities")).as("absent when the token carries none").isNull();
        assertThat(seenFree.header("X-Passport-User-Id")).isNotNull();
    }

    @Test
    void shouldStripAClientsCapabilitiesOnPublicRoutesToo() {
        HttpResponse<String> response = call("POST", "/api/auth/login", "{}",
                "X-Passport-User-Capabilities", "invite:create");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(passport.lastForwardedPath()).isEqualTo("/api/auth/login");
        assertThat(passport.lastForwarded()).doesNotContainKey("x-passport-user-capabilities");
    }

    @Test
    void shouldAnswerCapabilityRequiredOnAGuardedRouteWithoutTheCapability() {
        double before = answers("CAPABILITY_REQUIRED", "403");

        HttpResponse<String> refused = call("POST", "/api/membership/invites", "{}",
                "Authorization", token(1, "cloud:deploy", "server:create"),
                // A client cannot grant itself the capability either.
                "X-Passport-User-Capabilities", "invite:create");

        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode error = body(refused);
        assertThat(error.get("error").asString()).isEqualTo("CAPABILITY_REQUIRED");
        assertThat(error.get("capability").asString()).isEqualTo("invite:create");
        assertThat(error.get("message").asString()).startsWith("invite:create is required")
                .contains("POST /api/membership/redeem-invite").contains("upgrade");
        assertThat(membership.received()).as("nothing reached membership-service").isEmpty();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(answers("CAPABILITY_REQUIRED", "403")).isEqualTo(before + 1));
    }

    @Test
    void shouldLetAGuardedRouteThroughWithTheCapabilityAndGuardOnlyTheMethodsTheRuleNames() {
        HttpResponse<String> pro = call("POST", "/api/membership/invites", "{}",
                "Authorization", token(1, "cloud:deploy", "server:create", "invite:create", "oauth_app:create"));
        HttpResponse<String> listing = call("GET", "/api/membership/invites", null, "Authorization", token(1));

        assertThat(pro.statusCode()).isEqualTo(200);
        assertThat(listing.statusCode()).isEqualTo(200);
        assertThat(membership.received()).extracting(FakeService.Received::method, FakeService.Received::path)
                .containsExactly(tuple("POST", "/api/membership/invites"),
                        tuple("GET", "/api/membership/invites"));
        assertThat(membership.received().getFirst().header("X-Passport-User-Capabilities"))
                .isEqualTo("cloud:deploy,server:create,invite:create,oauth_app:create");
    }

    @Test
    void shouldStillRequireATokenBeforeAnyCapability() {
        HttpResponse<String> anonymous = call("POST", "/api/membership/invites", "{}");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(body(anonymous).get("error").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(membership.received()).isEmpty();
    }

    @Test
    void shouldRouteAdminMembershipToMembershipServiceForAdministratorsOnly() {
        HttpResponse<String> created = call("POST", "/admin/membership/invites", "{\"tier\":\"member\",\"max_uses\":1}",
                "Authorization", token(9));
        HttpResponse<String> revoked = call("DELETE", "/admin/membership/invites/42", null, "Authorization", token(9));
        HttpResponse<String> users = call("GET", "/admin/users", null, "Authorization", token(9));
        HttpResponse<String> user = call("GET", "/admin/membership/invites", null, "Authorization", token(1, "invite:create"));
        HttpResponse<String> anonymous = call("GET", "/admin/membership/invites", null);

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(membership.received()).extracting(FakeService.Received::path)
                .containsExactly("/admin/membership/invites", "/admin/membership/invites/42");
        assertThat(membership.received().getFirst().header("X-Passport-User-Role")).isEqualTo("9");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(admin.received()).extracting(FakeService.Received::path).containsExactly("/admin/users");
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(body(user).get("success").asBoolean()).isFalse();
        assertThat(body(user).get("error_code").asString()).isEqualTo("FORBIDDEN");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(body(anonymous).get("error_code").asString()).isEqualTo("INVALID_TOKEN");
    }

    @Test
    void shouldLimitRedemptionsPerUserWhateverTheAddress() {
        String userId = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            assertThat(call("POST", "/api/membership/redeem-invite", "{\"inviteCode\":\"AAAA-BBBB-CCCC-DDD" + i + "\"}",
                    "Authorization", token(userId, 1)).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> limited = call("POST", "/api/membership/redeem-invite", "{\"inviteCode\":\"AAAA-BBBB-CCCC-DDDD\"}",
                "Authorization", token(userId, 1));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(body(limited).get("error").asString()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 900L);
        assertThat(membership.received()).hasSize(3);
        assertThat(call("POST", "/api/membership/redeem-invite", "{\"inviteCode\":\"AAAA-BBBB-CCCC-DDDD\"}",
                "Authorization", token(1)).statusCode()).as("another user").isEqualTo(200);
    }

    @Test
    void shouldLimitRedemptionsPerAddressWhoeverTheUser() {
        String address = newAddress();
        for (int i = 0; i < 6; i++) {
            assertThat(FakeService.call(port, "POST", "/api/membership/redeem-invite", "{\"inviteCode\":\"x\"}",
                    "Authorization", token(1), "X-Forwarded-For", address).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> limited = FakeService.call(port, "POST", "/api/membership/redeem-invite", "{\"inviteCode\":\"x\"}",
                "Authorization", token(1), "X-Forwarded-For", address);
        HttpResponse<String> anonymous = call("POST", "/api/membership/redeem-invite", "{\"inviteCode\":\"x\"}");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(body(limited).get("error").asString()).isEqualTo("RATE_LIMITED");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(membership.received()).hasSize(6);
    }

    private double answers(String code, String status) {
        Counter counter = meters.find("passport.gateway.answers").tags("code", code, "status", status).counter();
        return counter == null ? 0 : counter.count();
    }
}
