package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.user.SessionRevoked;
import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.common.testing.TestKafka;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.security.internal-credential=" + FakePassport.CREDENTIAL,
        "passport.gateway.security.api-key-cache-ttl=1s",
        "passport.gateway.security.revocation.enabled=true"})
class EdgeAuthenticationTest {

    private static final FakePassport passport = new FakePassport();
    private static final RSAKey signingKey = TestTokens.newKey("key-1");
    private static final JsonMapper json = new JsonMapper();

    static {
        passport.publish(signingKey);
    }

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private RevocationListener revocationListener;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        for (String service : new String[] {"passport-service", "membership-service", "admin-service", "asset-service"}) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", passport::url);
        }
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @AfterAll
    static void stop() {
        passport.close();
    }

    private ServiceProbe gateway() {
        return ServiceProbe.onPort(port);
    }

    private static String userToken(int role, String sessionId) {
        return TestTokens.sign(signingKey, TestTokens.claims(UUID.randomUUID().toString(), role, sessionId).build());
    }

    @Test
    void shouldRoutePublicPathsWithTheGatewayCredentialAndNoClientIdentity() {
        ServiceProbe.Response response = gateway().post("/api/auth/login", "{}",
                "X-Passport-User-Id", "spoofed-user", "X-Passport-User-Role", "9",
                "X-Passport-Internal-Credential", "guessed", "x-passport-app-id", "spoofed-app",
                "X-Passport-Client-Ip", "198.51.100.9");

        assertThat(response.status()).isEqualTo(200);
        assertThat(passport.lastForwardedPath()).isEqualTo("/api/auth/login");
        Map<String, String> seen = passport.lastForwarded();
        assertThat(seen).doesNotContainKeys("x-passport-user-id", "x-passport-user-role", "x-passport-app-id",
                "x-passport-session-id");
        assertThat(seen).containsEntry("x-passport-internal-credential", FakePassport.CREDENTIAL)
                // The gateway says who the client is (here the test, on loopback), never the client itself.
                .containsEntry("x-passport-client-ip", "127.0.0.1");
    }

    @Test
    void shouldPassTheVerifiedIdentityOnInsteadOfSpoofedHeaders() {
        String sessionId = UUID.randomUUID().toString();
        String userId = UUID.randomUUID().toString();
        String token = TestTokens.sign(signingKey, TestTokens.claims(userId, 1, sessionId).build());

        ServiceProbe.Response response = gateway().get("/api/auth/me", "Authorization", "Bearer " + token,
                "X-Passport-User-Id", "spoofed-user", "X-Passport-User-Role", "9", "X-Passport-Session-Id", "spoofed");

        assertThat(response.status()).isEqualTo(200);
        Map<String, String> seen = passport.lastForwarded();
        assertThat(seen).containsEntry("x-passport-user-id", userId)
                .containsEntry("x-passport-user-role", "1")
                .containsEntry("x-passport-app-id", "default")
                .containsEntry("x-passport-session-id", sessionId)
                .containsEntry("x-passport-internal-credential", FakePassport.CREDENTIAL)
                .containsEntry("authorization", "Bearer " + token);
    }

    @Test
    void shouldRefuseAProtectedRouteWithoutATokenInTheSurfaceFormat() {
        int before = passport.forwardedCount();

        ServiceProbe.Response chat = gateway().get("/api/auth/me", "X-Passport-User-Id", UUID.randomUUID().toString());
        ServiceProbe.Response envelope = gateway().post("/auth/logout", "{}");

        assertThat(chat.status()).isEqualTo(401);
        assertThat(chat.json().get("error").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(envelope.status()).isEqualTo(401);
        assertThat(envelope.json().get("success").asBoolean()).isFalse();
        assertThat(envelope.json().get("error_code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(passport.forwardedCount()).isEqualTo(before);
    }

    @Test
    void shouldLetAnyoneLogInWithGithubButOnlyTheAccountHolderUnlinkIt() throws Exception {
        int before = passport.forwardedCount();

        java.net.http.HttpResponse<String> unlink;
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            unlink = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/auth/github"))
                    .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
        assertThat(unlink.statusCode()).isEqualTo(401);
        assertThat(json.readTree(unlink.body()).get("error_code").asString()).isEqualTo("INVALID_TOKEN");
        assertThat(passport.forwardedCount()).isEqualTo(before);

        gateway().post("/auth/github", "{\"access_token\":\"gho_x\"}");
        gateway().get("/auth/github/authorize?redirect_uri=https://game.example.com/cb");
        assertThat(passport.forwardedCount()).isEqualTo(before + 2);
    }

    @Test
    void shouldRefuseForgedAndInvalidTokens() {
        String sessionId = UUID.randomUUID().toString();
        String userId = UUID.randomUUID().toString();
        JWTClaimsSet claims = TestTokens.claims(userId, 9, sessionId).build();
        RSAKey attackerKey = TestTokens.newKey("key-1");
        Map<String, String> forged = new java.util.LinkedHashMap<>();
        forged.put("alg none", unsigned(claims));
        forged.put("HS256 keyed with the public key", hmacWithPublicKey(claims));
        forged.put("unknown kid", TestTokens.sign(TestTokens.newKey("made-up-kid"), claims));
        forged.put("known kid, other key", TestTokens.sign(attackerKey, claims));
        forged.put("embedded jwk", TestTokens.sign(attackerKey, claims, header -> header.jwk(attackerKey.toPublicJWK())));
        forged.put("jku header", TestTokens.sign(signingKey, claims, header -> header.jwkURL(URI.create("http://attacker.example/jwks"))));
        forged.put("expired", TestTokens.sign(signingKey, TestTokens.claims(userId, 9, sessionId)
                .expirationTime(Date.from(Instant.now().minusSeconds(120))).build()));
        forged.put("not yet valid", TestTokens.sign(signingKey, TestTokens.claims(userId, 9, sessionId)
                .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()));
        forged.put("other issuer", TestTokens.sign(signingKey, TestTokens.claims(userId, 9, sessionId).issuer("someone-else").build()));
        forged.put("audience is not the app", TestTokens.sign(signingKey, TestTokens.claims(userId, 9, sessionId).audience("other-app").build()));
        forged.put("no session", TestTokens.sign(signingKey, TestTokens.claims(userId, 9, sessionId).claim("sid", null).build()));
        forged.put("not a JWT", "Zm9v.YmFy.YmF6");
        int before = passport.forwardedCount();

        forged.forEach((name, token) -> {
            ServiceProbe.Response response = gateway().get("/api/auth/me", "Authorization", "Bearer " + token);
            assertThat(response.status()).as(name).isEqualTo(401);
            assertThat(response.json().get("error").asString()).as(name).isEqualTo("INVALID_TOKEN");
        });

        assertThat(passport.forwardedCount()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAUserOnAnAdminRouteButLetAnAdminAndTheAdminLoginThrough() {
        ServiceProbe.Response user = gateway().get("/admin/users", "Authorization", "Bearer " + userToken(1, UUID.randomUUID().toString()));
        ServiceProbe.Response admin = gateway().get("/admin/users", "Authorization", "Bearer " + userToken(9, UUID.randomUUID().toString()));
        Map<String, String> adminSeen = passport.lastForwarded();
        ServiceProbe.Response login = gateway().post("/admin/auth/login", "{}");

        assertThat(user.status()).isEqualTo(403);
        assertThat(user.json().get("error_code").asString()).isEqualTo("FORBIDDEN");
        assertThat(user.json().get("success").asBoolean()).isFalse();
        assertThat(admin.status()).isEqualTo(200);
        assertThat(adminSeen).containsEntry("x-passport-user-role", "9");
        assertThat(login.status()).isEqualTo(200);
        assertThat(passport.lastForwardedPath()).isEqualTo("/admin/auth/login");
    }

    @Test
    void shouldRefuseATenantAppsTokenOnThePlatformsUserAndAdminRoutes() {
        int before = passport.forwardedCount();
        for (int role : new int[] {1, 9}) {
            String tenantToken = TestTokens.sign(signingKey, TestTokens.claims(UUID.randomUUID().toString(), role,
                    UUID.randomUUID().toString()).audience("appb").claim("app_id", "appb").build());
            for (String path : new String[] {"/api/auth/me", "/api/membership/me", "/admin/users"}) {
                ServiceProbe.Response response = gateway().get(path, "Authorization", "Bearer " + tenantToken);
                assertThat(response.status()).as("role %d on %s", role, path).isEqualTo(401);
            }
            ServiceProbe.Response envelope = gateway().post("/auth/logout", "{}", "Authorization", "Bearer " + tenantToken);
            assertThat(envelope.status()).isEqualTo(401);
            assertThat(envelope.json().get("error_code").asString()).isEqualTo("INVALID_TOKEN");
        }

        assertThat(passport.forwardedCount()).as("nothing reached a service").isEqualTo(before);
    }

    @Test
    void shouldAcceptAnyKeyPassportHoldsWhateverItsFormat() {
        ServiceProbe.Response migrated = gateway().post("/auth/v1/login", "{}", "Authorization", "Bearer " + FakePassport.MIGRATED_API_KEY);
        ServiceProbe.Response blank = gateway().post("/auth/v1/login", "{}", "Authorization", "Bearer   ");

        assertThat(migrated.status()).isEqualTo(200);
        assertThat(passport.lastForwarded()).containsEntry("x-passport-app-id", FakePassport.APP_ID);
        assertThat(blank.status()).isEqualTo(401);
        assertThat(blank.json().get("error").asString()).isEqualTo("INVALID_API_KEY");
    }

    @Test
    void shouldServeActuatorEndpointsOnlyOnTheManagementPort() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/info", "/actuator/metrics"}) {
            ServiceProbe.Response response = gateway().get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("jvm_").doesNotContain("\"status\":\"UP\"");
        }

        ServiceProbe management = ServiceProbe.onPort(managementPort);
        // Liveness, not readiness: readiness waits for the deny-list, which this class's broker may still be feeding.
        assertThat(management.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void shouldCountTheAnswersItGivesItselfByErrorCodeInsteadOfTimingEveryRequestTwice() {
        double before = answers("INVALID_TOKEN", "401");

        gateway().get("/api/auth/me");
        gateway().post("/auth/logout", "{}");

        // The access log counts once the answer is written, just after the client may have read it.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(answers("INVALID_TOKEN", "401")).isEqualTo(before + 2));
        String metrics = ServiceProbe.onPort(managementPort).get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("passport_gateway_answers_total\\{[^}]*code=\"INVALID_TOKEN\"[^}]*status=\"401\"");
        assertThat(metrics).doesNotContain("http_server_requests_seconds");
    }

    private double answers(String code, String status) {
        Counter counter = meters.find("passport.gateway.answers").tags("code", code, "status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldNeverRouteInternalPathsWhateverTheirSpelling() {
        int before = passport.forwardedCount();
        String[] paths = {"/internal/apps", "//internal/apps", "/auth/../internal/apps", "/auth/%2e%2e/internal/apps",
                "/auth/%2E%2E/internal/apps", "/auth/v1/..%2finternal/apps", "/auth/.%2e/internal/apps",
                "/%69nternal/apps", "/auth/v1/..;/internal/apps", "/auth/..%5cinternal/apps", "/internal/", "/auth/./../internal/apps",
                "/auth/%252e%252e/internal/apps"};

        for (String path : paths) {
            RawResponse response = raw("GET", path, "Authorization: Bearer " + FakePassport.GOOD_API_KEY);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("\"error\":\"NOT_FOUND\"");
        }

        assertThat(passport.forwardedCount()).isEqualTo(before);
    }

    @Test
    void shouldCheckApiKeysWithPassportAndPassTheAppOn() {
        ServiceProbe.Response missing = gateway().post("/auth/v1/login", "{}");
        ServiceProbe.Response unknown = gateway().post("/auth/v1/login", "{}", "Authorization", "Bearer psk_unknown");
        ServiceProbe.Response good = gateway().post("/asset/v1/files", "{}", "Authorization", "Bearer " + FakePassport.GOOD_API_KEY,
                "X-Passport-App-Id", "spoofed-app");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("error").asString()).isEqualTo("INVALID_API_KEY");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("error").asString()).isEqualTo("INVALID_API_KEY");
        assertThat(good.status()).isEqualTo(200);
        assertThat(passport.lastForwarded()).containsEntry("x-passport-app-id", FakePassport.APP_ID)
                .containsEntry("x-passport-internal-credential", FakePassport.CREDENTIAL)
                .doesNotContainKey("x-passport-user-id");
    }

    @Test
    void shouldServeAFileByItsUrlWithoutAKeyButNothingElseOfTheAssetApi() {
        ServiceProbe.Response file = gateway().get("/asset/v1/files/5b0c7a1e-2d3f-4a5b-9c8d-1e2f3a4b5c6d", "X-Passport-App-Id", "spoofed-app");
        assertThat(file.status()).isEqualTo(200);
        assertThat(passport.lastForwarded()).doesNotContainKey("x-passport-app-id")
                .containsEntry("x-passport-internal-credential", FakePassport.CREDENTIAL);

        ServiceProbe.Response upload = gateway().post("/asset/v1/files/upload", "{}");
        ServiceProbe.Response list = gateway().get("/asset/v1/files");
        assertThat(upload.status()).isEqualTo(401);
        assertThat(upload.json().get("error").asString()).isEqualTo("INVALID_API_KEY");
        assertThat(list.status()).isEqualTo(401);
    }

    @Test
    void shouldStopARevokedApiKeyWithinTheCacheTtl() {
        String authorization = "Bearer " + FakePassport.REVOCABLE_API_KEY;
        assertThat(gateway().post("/auth/v1/login", "{}", "Authorization", authorization).status()).isEqualTo(200);
        int lookups = passport.apiKeyLookups();
        assertThat(gateway().post("/auth/v1/login", "{}", "Authorization", authorization).status()).isEqualTo(200);
        assertThat(passport.apiKeyLookups()).as("the second call is answered from the cache").isEqualTo(lookups);

        passport.revokeRevocableKey();
        Instant revokedAt = Instant.now();
        int status = 200;
        while (status == 200 && Duration.between(revokedAt, Instant.now()).toMillis() < 5_000) {
            status = gateway().post("/auth/v1/login", "{}", "Authorization", authorization).status();
        }

        assertThat(status).isEqualTo(401);
        assertThat(Duration.between(revokedAt, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldRefuseATokenOfARevokedSessionWithinOneSecond() throws Exception {
        awaitRevocationListenerAssigned();
        String sessionId = UUID.randomUUID().toString();
        String userId = UUID.randomUUID().toString();
        String token = TestTokens.sign(signingKey, TestTokens.claims(userId, 1, sessionId).build());
        String otherSession = userToken(1, UUID.randomUUID().toString());
        assertThat(gateway().get("/api/auth/me", "Authorization", "Bearer " + token).status()).isEqualTo(200);

        publishRevocation(userId, sessionId);
        Instant publishedAt = Instant.now();
        int status = 200;
        while (status == 200 && Duration.between(publishedAt, Instant.now()).toMillis() < 3_000) {
            status = gateway().get("/api/auth/me", "Authorization", "Bearer " + token).status();
        }
        Duration took = Duration.between(publishedAt, Instant.now());

        assertThat(status).isEqualTo(401);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(meters.get("passport.gateway.revocation.delay").timer().count()).isPositive();
        assertThat(meters.get("passport.gateway.revocation.delay").timer().max(TimeUnit.SECONDS)).isLessThan(1.0);
        assertThat(gateway().get("/api/auth/me", "Authorization", "Bearer " + otherSession).status())
                .as("other sessions are not affected").isEqualTo(200);
    }

    @Test
    void shouldTimeTokenChecksAndExposeTheGatewayMetricsUnderTheNamesTheAlertsUse() throws Exception {
        awaitRevocationListenerAssigned();
        long validBefore = meters.get("passport.gateway.token.validation").tag("outcome", "valid").timer().count();
        long invalidBefore = meters.get("passport.gateway.token.validation").tag("outcome", "invalid").timer().count();

        assertThat(gateway().get("/api/auth/me", "Authorization", "Bearer " + userToken(1, UUID.randomUUID().toString()))
                .status()).isEqualTo(200);
        assertThat(gateway().get("/api/auth/me", "Authorization", "Bearer not-a-token").status()).isEqualTo(401);

        assertThat(meters.get("passport.gateway.token.validation").tag("outcome", "valid").timer().count())
                .isEqualTo(validBefore + 1);
        assertThat(meters.get("passport.gateway.token.validation").tag("outcome", "invalid").timer().count())
                .isEqualTo(invalidBefore + 1);
        // The client metrics poll the consumer now and then; its lag shows once they have.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ServiceProbe.onPort(managementPort).get("/actuator/prometheus").body())
                .contains("passport_gateway_token_validation_seconds_bucket{")
                .contains("passport_gateway_revocation_delay_seconds_bucket{")
                .contains("spring_cloud_gateway_requests_seconds_bucket{")
                .contains("kafka_consumer_fetch_manager_records_lag_max{")
                .contains("jvm_memory_used_bytes{")
                .containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*httpStatusCode=\"200\"[^}]*routeId=\"")
                .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"gateway-revocations\""));
    }

    private void awaitRevocationListenerAssigned() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!revocationListener.isAssigned() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(revocationListener.isAssigned()).as("revocation listener got its partitions").isTrue();
    }

    private static void publishRevocation(String userId, String sessionId) throws Exception {
        SessionRevoked revoked = new SessionRevoked(UUID.fromString(userId), UUID.fromString(sessionId), SessionRevoked.LOGOUT,
                Instant.now().plusSeconds(900));
        EventEnvelope event = EventEnvelope.newEvent(SessionRevoked.TYPE, SessionRevoked.VERSION, "default", userId,
                json.valueToTree(revoked));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.USER_EVENTS, userId, json.writeValueAsString(event))).get();
        }
    }

    private static String unsigned(JWTClaimsSet claims) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"key-1\"}").toString();
        return header + "." + Base64URL.encode(claims.toString()) + ".";
    }

    private static String hmacWithPublicKey(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1")
                    .type(new JOSEObjectType("at+jwt")).build(), claims);
            jwt.sign(new MACSigner(signingKey.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record RawResponse(int status, String body) {
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed before the headers ended: " + head);
            }
            head.append((char) next);
        }
        return head.toString();
    }

    /** Sends the request line exactly as written: HTTP clients would normalise the tricks away. */
    private RawResponse raw(String method, String path, String... headers) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int length = Integer.parseInt(head.replaceAll("(?is).*\r\ncontent-length:\\s*(\\d+).*", "$1"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(Integer.parseInt(head.substring(9, 12)), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
