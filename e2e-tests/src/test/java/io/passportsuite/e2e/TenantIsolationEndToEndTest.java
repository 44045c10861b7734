package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.passportsuite.common.testing.ServiceProbe;

/**
 * Two tenant apps and the platform's own app, tried through the gateway as a client of one of
 * them would try to reach another: with its own key and another app's ids and tokens, with
 * another app's token on the platform's routes, and with identity headers it made up.
 */
class TenantIsolationEndToEndTest {

    private static GatewaySuite suite;
    private static ServiceProbe gateway;
    private static String keyA;
    private static String keyB;
    private static String userB;
    private static String tokenB;

    @BeforeAll
    static void startSuite() {
        suite = GatewaySuite.start("tenants");
        gateway = suite.throughGateway;
        keyA = suite.createApp("tenant-a");
        keyB = suite.createApp("tenant-b");
        ServiceProbe.Response registered = gateway.post("/auth/v1/register", """
                {"nickname":"B","password":"secret-b","contact_type":"email","contact":"bob@example.com","app_id":"tenant-b"}
                """, auth(keyB));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        userB = registered.json().get("userId").asString();
        tokenB = login(keyB, "tenant-b", "bob@example.com", "secret-b").json().get("access_token").asString();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void shouldValidateOnlyTheTokensOfTheKeysOwnApp() {
        ServiceProbe.Response withOtherKey = validate(keyA, tokenB);
        ServiceProbe.Response withSpoofedHeaders = gateway.post("/auth/v1/token/validate", "{\"token\":\"" + tokenB + "\"}",
                "Authorization", "Bearer " + keyA, "X-Passport-Internal-Credential", GatewaySuite.INTERNAL_CREDENTIAL,
                "X-Passport-App-Id", "tenant-b");
        ServiceProbe.Response withOwnKey = validate(keyB, tokenB);

        assertThat(withOtherKey.status()).as(withOtherKey.body()).isEqualTo(401);
        assertThat(withOtherKey.json().get("error").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(withSpoofedHeaders.status()).as(withSpoofedHeaders.body()).isEqualTo(401);
        assertThat(withOwnKey.status()).isEqualTo(200);
        assertThat(withOwnKey.json().get("userId").asString()).isEqualTo(userB);
        assertThat(withOwnKey.json().get("app_id").asString()).isEqualTo("tenant-b");
    }

    @Test
    void shouldAnswerAnotherAppsUserExactlyAsAnUnknownOne() {
        ServiceProbe.Response read = gateway.get("/auth/v1/users/" + userB, auth(keyA));
        ServiceProbe.Response unknown = gateway.get("/auth/v1/users/" + UUID.randomUUID(), auth(keyA));
        ServiceProbe.Response update = gateway.put("/auth/v1/users/" + userB, "{\"nickname\":\"taken over\"}", auth(keyA));

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("error").asString()).isEqualTo("USER_NOT_FOUND");
        assertThat(read.body()).isEqualTo(unknown.body());
        assertThat(update.status()).isEqualTo(404);
        assertThat(update.json().get("error").asString()).isEqualTo("USER_NOT_FOUND");
        assertThat(gateway.get("/auth/v1/users/" + userB, auth(keyB)).json().get("nickname").asString()).isEqualTo("B");
    }

    @Test
    void shouldNeverLogInRegisterSendCodesOrResetInAnotherApp() {
        ServiceProbe.Response namedOther = login(keyA, "tenant-b", "bob@example.com", "secret-b");
        ServiceProbe.Response ownApp = login(keyA, "tenant-a", "bob@example.com", "secret-b");
        ServiceProbe.Response register = gateway.post("/auth/v1/register", """
                {"nickname":"M","password":"secret-m","contact_type":"email","contact":"mallory@example.com","app_id":"tenant-b"}
                """, auth(keyA));
        ServiceProbe.Response captcha = gateway.post("/auth/v1/captcha", """
                {"contact_type":"email","contact":"bob@example.com","scene":"captcha_reset_password","app_id":"tenant-b"}
                """, auth(keyA));
        ServiceProbe.Response reset = gateway.post("/auth/v1/password/reset", """
                {"contact_type":"email","contact":"bob@example.com","captcha":"123456","new_password":"owned-1","app_id":"tenant-b"}
                """, auth(keyA));

        assertThat(namedOther.status()).isEqualTo(403);
        assertThat(namedOther.json().get("error").asString()).isEqualTo("TENANT_MISMATCH");
        assertThat(ownApp.status()).as("bob is no user of tenant-a").isEqualTo(401);
        assertThat(ownApp.json().get("error").asString()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(register.status()).isEqualTo(403);
        assertThat(login(keyB, "tenant-b", "mallory@example.com", "secret-m").status()).as("nobody was registered in tenant-b")
                .isEqualTo(401);
        assertThat(captcha.status()).isEqualTo(403);
        assertThat(captcha.json().get("error").asString()).isEqualTo("TENANT_MISMATCH");
        assertThat(reset.status()).isEqualTo(403);
        assertThat(login(keyB, "tenant-b", "bob@example.com", "secret-b").status()).isEqualTo(200);
    }

    @Test
    void shouldNotLetAnotherAppsKeyEndASession() {
        String token = login(keyB, "tenant-b", "bob@example.com", "secret-b").json().get("access_token").asString();

        ServiceProbe.Response logout = gateway.post("/auth/v1/logout", "{\"token\":\"" + token + "\"}", auth(keyA));

        assertThat(logout.status()).isEqualTo(401);
        assertThat(logout.json().get("error").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(validate(keyB, token).status()).as("the session stands").isEqualTo(200);
    }

    @Test
    void shouldTakeOnlyThePlatformAppsTokensOnUserAndAdminRoutes() {
        ServiceProbe.Response platformUser = gateway.post("/api/auth/register", """
                {"email":"platform-user@example.com","password":"secure-password1"}
                """);
        assertThat(platformUser.status()).as(platformUser.body()).isEqualTo(201);
        String platformToken = platformUser.json().get("accessToken").asString();

        for (String path : new String[] {"/api/auth/me", "/api/auth/users/" + userB, "/api/membership/me", "/admin/users"}) {
            ServiceProbe.Response tenantToken = gateway.get(path, "Authorization", "Bearer " + tokenB);
            assertThat(tenantToken.status()).as(path).isEqualTo(401);
        }
        ServiceProbe.Response envelopeLogout = gateway.post("/auth/logout", "{}", "Authorization", "Bearer " + tokenB);
        assertThat(envelopeLogout.status()).isEqualTo(401);
        assertThat(envelopeLogout.json().get("error_code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(validate(keyB, tokenB).status()).as("the tenant's session stands").isEqualTo(200);

        assertThat(gateway.get("/api/auth/me", "Authorization", "Bearer " + platformToken).status()).isEqualTo(200);
        assertThat(gateway.get("/admin/users", "Authorization", "Bearer " + platformToken).status()).as("a user on an admin route")
                .isEqualTo(403);
        assertThat(gateway.get("/api/auth/me", "X-Passport-User-Id", userB, "X-Passport-App-Id", "default",
                "X-Passport-Internal-Credential", GatewaySuite.INTERNAL_CREDENTIAL).status()).as("no token, made-up identity")
                .isEqualTo(401);
        assertThat(validate(keyA, platformToken).status()).as("a tenant's key sees no platform token").isEqualTo(401);
    }

    private static ServiceProbe.Response login(String key, String appId, String email, String password) {
        return gateway.post("/auth/v1/login", """
                {"contact_type":"email","contact":"%s","password":"%s","app_id":"%s"}
                """.formatted(email, password, appId), auth(key));
    }

    private static ServiceProbe.Response validate(String key, String token) {
        return gateway.post("/auth/v1/token/validate", "{\"token\":\"" + token + "\"}", auth(key));
    }

    private static String[] auth(String key) {
        return new String[] {"Authorization", "Bearer " + key};
    }
}
