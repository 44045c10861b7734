package io.passportsuite.passport.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

import io.passportsuite.common.testing.TestClock;
import io.passportsuite.common.token.AccessTokenCheck.Invalid;
import io.passportsuite.common.token.AccessTokenCheck.Reason;
import io.passportsuite.common.token.AccessTokenCheck.Valid;
import io.passportsuite.common.token.AccessTokenClaims;
import io.passportsuite.common.token.AccessTokenFormat;

class AccessTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ISSUER = "https://passport.example.test";
    private static final TokenProperties PROPERTIES = new TokenProperties(ISSUER, "http://127.0.0.1:8080", null, false,
            Duration.ofDays(30), Duration.ofHours(1), Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofSeconds(60), false);
    private static final SigningKey KEY = SigningKey.generate(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(1)));
    private static final KeyPair ATTACKER = keyPair("RSA", 2048);

    private static final String APP = "default";
    private static final UUID USER = UUID.randomUUID();
    private static final UUID SESSION = UUID.randomUUID();

    private final TestClock clock = new TestClock(NOW);
    private final SigningKeyRing ring = new SigningKeyRing(RsaSigners.jdkOnly());
    private final AccessTokens tokens = new AccessTokens(ring, PROPERTIES, clock);

    @BeforeEach
    void loadKey() {
        ring.replace(List.of(KEY));
    }

    @Test
    void shouldVerifyAnIssuedTokenWithEveryClaim() throws Exception {
        IssuedAccessToken issued = tokens.issue(new AccessTokenRequest(APP, USER, 9, SESSION, Duration.ofMinutes(15)));

        assertThat(issued.issuedAt()).isEqualTo(NOW);
        assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(tokens.verify(issued.token())).isEqualTo(new Valid(new AccessTokenClaims(
                APP, USER, 9, SESSION, issued.tokenId(), NOW, NOW.plus(Duration.ofMinutes(15)))));

        SignedJWT jwt = SignedJWT.parse(issued.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(KEY.kid());
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        assertThat(claims).containsOnlyKeys("iss", "sub", "aud", "app_id", "role", "sid", "jti", "iat", "nbf", "exp");
        assertThat(claims).containsEntry("iss", ISSUER)
                .containsEntry("sub", USER.toString())
                .containsEntry("aud", APP)
                .containsEntry("app_id", APP)
                .containsEntry("role", 9L)
                .containsEntry("sid", SESSION.toString())
                .containsEntry("jti", issued.tokenId())
                .containsEntry("iat", NOW.getEpochSecond())
                .containsEntry("nbf", NOW.getEpochSecond())
                .containsEntry("exp", NOW.plus(Duration.ofMinutes(15)).getEpochSecond());
    }

    @Test
    void shouldCarryTheUsersCapabilitiesWhenItHasAny() throws Exception {
        List<String> capabilities = List.of("cloud:deploy", "server:create");
        IssuedAccessToken issued = tokens.issue(new AccessTokenRequest(APP, USER, 1, SESSION, Duration.ofMinutes(15), capabilities));

        assertThat(SignedJWT.parse(issued.token()).getJWTClaimsSet().getStringListClaim("caps")).isEqualTo(capabilities);
        assertThat(tokens.verify(issued.token())).isEqualTo(new Valid(new AccessTokenClaims(
                APP, USER, 1, SESSION, issued.tokenId(), NOW, NOW.plus(Duration.ofMinutes(15)), capabilities)));
        String withNone = tokens.issue(new AccessTokenRequest(APP, USER, 1, SESSION, Duration.ofMinutes(15), List.of())).token();
        assertThat(SignedJWT.parse(withNone).getPayload().toJSONObject()).doesNotContainKey("caps");
    }

    @Test
    void shouldGiveEveryTokenItsOwnId() {
        AccessTokenRequest request = new AccessTokenRequest(APP, USER, 1, SESSION, Duration.ofMinutes(5));

        assertThat(tokens.issue(request).tokenId()).isNotEqualTo(tokens.issue(request).tokenId());
    }

    @Test
    void shouldRefuseToIssueATokenThatOutlivesTheMaximumLifetime() {
        assertThatThrownBy(() -> tokens.issue(new AccessTokenRequest(APP, USER, 1, SESSION, Duration.ofHours(24).plusSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.issue(new AccessTokenRequest(APP, USER, 1, SESSION, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.issue(new AccessTokenRequest(APP, USER, 1, SESSION, Duration.ofHours(24))).expiresAt())
                .isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void shouldRejectExpiredTokenOnceTheClockSkewHasPassed() {
        String token = issue(Duration.ofMinutes(5));

        clock.advance(Duration.ofMinutes(5).plusSeconds(29));
        assertThat(tokens.verify(token)).isInstanceOf(Valid.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(token)).isEqualTo(new Invalid(Reason.EXPIRED));
    }

    @Test
    void shouldRejectTokenNotYetValidBeyondTheClockSkew() {
        String token = issue(Duration.ofMinutes(5));

        clock.set(NOW.minusSeconds(30));
        assertThat(tokens.verify(token)).isInstanceOf(Valid.class);
        clock.set(NOW.minusSeconds(31));
        assertThat(tokens.verify(token)).isEqualTo(new Invalid(Reason.NOT_YET_VALID));
    }

    @Test
    void shouldRejectTokenFromAnotherIssuerEvenWithOurSignature() {
        Map<String, Object> claims = claims();
        claims.put("iss", "https://elsewhere.example.test");

        assertThat(tokens.verify(sign(header(KEY.kid()), claims, new RSASSASigner(KEY.privateKey()))))
                .isEqualTo(new Invalid(Reason.WRONG_ISSUER));
    }

    @Test
    void shouldRejectTamperedPayload() {
        String token = tokens.issue(new AccessTokenRequest(APP, USER, 1, SESSION, Duration.ofMinutes(5))).token();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"role\":1");
        String promoted = base64Url(payload.replace("\"role\":1", "\"role\":9"));

        assertThat(tokens.verify(parts[0] + "." + promoted + "." + parts[2])).isEqualTo(new Invalid(Reason.BAD_SIGNATURE));
    }

    @Test
    void shouldRejectTamperedSignature() {
        String token = issue(Duration.ofMinutes(5));
        int middle = token.lastIndexOf('.') + 100;
        String flipped = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A') + token.substring(middle + 1);
        String otherTokensSignature = token.substring(0, token.lastIndexOf('.'))
                + issue(Duration.ofMinutes(6)).substring(token.lastIndexOf('.'));

        assertThat(tokens.verify(flipped)).isEqualTo(new Invalid(Reason.BAD_SIGNATURE));
        assertThat(tokens.verify(otherTokensSignature)).isEqualTo(new Invalid(Reason.BAD_SIGNATURE));
        assertThat(tokens.verify(token.substring(0, token.lastIndexOf('.') + 1))).isEqualTo(new Invalid(Reason.BAD_SIGNATURE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE"})
    void shouldRejectUnsignedTokenWithAlgNone(String none) {
        String header = base64Url("{\"alg\":\"" + none + "\",\"typ\":\"at+jwt\",\"kid\":\"" + KEY.kid() + "\"}");
        String token = header + "." + base64Url(JSONObjectUtils.toJSONString(claims())) + ".";

        assertThat(tokens.verify(token)).isEqualTo(new Invalid(Reason.UNSUPPORTED_ALGORITHM));
    }

    @Test
    void shouldRejectHs256SignedWithThePublicKeyAsTheSecret() throws Exception {
        byte[] der = KEY.publicKey().getEncoded();
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);

        for (byte[] secret : List.of(der, pem)) {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.kid()).type(AccessTokenFormat.TYPE).build();
            assertThat(tokens.verify(sign(header, claims(), new MACSigner(secret))))
                    .isEqualTo(new Invalid(Reason.UNSUPPORTED_ALGORITHM));
        }
    }

    @Test
    void shouldRejectEveryAlgorithmButRs256() throws Exception {
        KeyPair ec = keyPair("EC", 256);
        JWSSigner ours = new RSASSASigner(KEY.privateKey());

        assertThat(tokens.verify(sign(header(JWSAlgorithm.RS512, KEY.kid()), claims(), ours)))
                .isEqualTo(new Invalid(Reason.UNSUPPORTED_ALGORITHM));
        assertThat(tokens.verify(sign(header(JWSAlgorithm.PS256, KEY.kid()), claims(), ours)))
                .isEqualTo(new Invalid(Reason.UNSUPPORTED_ALGORITHM));
        assertThat(tokens.verify(sign(header(JWSAlgorithm.ES256, KEY.kid()), claims(), new ECDSASigner((ECPrivateKey) ec.getPrivate()))))
                .isEqualTo(new Invalid(Reason.UNSUPPORTED_ALGORITHM));
    }

    @Test
    void shouldNeverTrustAKeyTheTokenCarries() throws Exception {
        RSAKey attackerJwk = new RSAKey.Builder((RSAPublicKey) ATTACKER.getPublic()).keyID(KEY.kid()).build();
        JWSSigner attacker = new RSASSASigner(ATTACKER.getPrivate());
        List<JWSHeader> headers = List.of(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokenFormat.TYPE).keyID(KEY.kid()).jwk(attackerJwk).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokenFormat.TYPE).jwk(attackerJwk).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokenFormat.TYPE).keyID(KEY.kid())
                        .jwkURL(URI.create("https://attacker.example.test/jwks.json")).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokenFormat.TYPE).keyID(KEY.kid())
                        .x509CertURL(URI.create("https://attacker.example.test/cert.pem")).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokenFormat.TYPE).keyID(KEY.kid())
                        .x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(ATTACKER.getPublic().getEncoded()))).build());

        for (JWSHeader header : headers) {
            assertThat(tokens.verify(sign(header, claims(), attacker))).isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
        }
        // Without the embedded key the same forgery is still refused, by its signature.
        assertThat(tokens.verify(sign(header(KEY.kid()), claims(), attacker))).isEqualTo(new Invalid(Reason.BAD_SIGNATURE));
    }

    @Test
    void shouldRejectTokenWhoseKidIsNotPublished() {
        JWSSigner attacker = new RSASSASigner(ATTACKER.getPrivate());

        assertThat(tokens.verify(sign(header("attacker-key"), claims(), attacker))).isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
        assertThat(tokens.verify(sign(header(null), claims(), attacker))).isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
    }

    @Test
    void shouldRejectARememberedTokenOnceItExpiresOrItsKeyLeavesTheJwks() {
        String token = issue(Duration.ofMinutes(5));
        assertThat(tokens.verify(token)).isInstanceOf(Valid.class);
        assertThat(tokens.verify(token)).as("remembered").isInstanceOf(Valid.class);
        clock.advance(Duration.ofMinutes(5).plusSeconds(30));
        assertThat(tokens.verify(token)).isEqualTo(new Invalid(Reason.EXPIRED));

        clock.set(NOW);
        String another = issue(Duration.ofMinutes(5));
        assertThat(tokens.verify(another)).isInstanceOf(Valid.class);
        ring.replace(List.of(new SigningKey(KEY.kid(), KEY.publicKey(), null, KEY.createdAt(), KEY.activatesAt(),
                NOW.minus(Duration.ofHours(25)), NOW)));
        assertThat(tokens.verify(another)).isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
    }

    @Test
    void shouldRejectTokenOfAKeyThatLeftTheJwks() {
        String token = issue(Duration.ofMinutes(5));
        ring.replace(List.of(new SigningKey(KEY.kid(), KEY.publicKey(), null, KEY.createdAt(), KEY.activatesAt(),
                NOW.minus(Duration.ofHours(25)), NOW)));

        assertThat(tokens.verify(token)).isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
    }

    @Test
    void shouldRejectCriticalHeaders() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokenFormat.TYPE).keyID(KEY.kid())
                .criticalParams(Set.of("urn:example:policy")).customParam("urn:example:policy", "strict").build();

        assertThat(tokens.verify(sign(header, claims(), new RSASSASigner(KEY.privateKey()))))
                .isEqualTo(new Invalid(Reason.MALFORMED));
    }

    @Test
    void shouldAcceptOnlyAccessTokenTypes() {
        JWSSigner ours = new RSASSASigner(KEY.privateKey());
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.kid());

        assertThat(tokens.verify(sign(header.type(JOSEObjectType.JWT).build(), claims(), ours))).isInstanceOf(Valid.class);
        assertThat(tokens.verify(sign(header.type(new JOSEObjectType("application/at+jwt")).build(), claims(), ours)))
                .isInstanceOf(Valid.class);
        assertThat(tokens.verify(sign(header.type(new JOSEObjectType("dpop+jwt")).build(), claims(), ours)))
                .isEqualTo(new Invalid(Reason.MALFORMED));
        assertThat(tokens.verify(sign(header.type(null).build(), claims(), ours))).isEqualTo(new Invalid(Reason.MALFORMED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub", "aud", "app_id", "sid", "jti", "role", "iat", "exp"})
    void shouldRequireEveryClaim(String claim) {
        Map<String, Object> claims = claims();
        claims.remove(claim);

        assertThat(tokens.verify(sign(header(KEY.kid()), claims, new RSASSASigner(KEY.privateKey()))))
                .isEqualTo(new Invalid(Reason.MISSING_CLAIMS));
    }

    @Test
    void shouldRejectClaimsOfTheWrongShape() {
        JWSSigner ours = new RSASSASigner(KEY.privateKey());
        List<Map<String, Object>> broken = List.of(
                with("aud", "another-app"),
                with("sub", "not-a-uuid"),
                with("sid", 42),
                with("role", "admin"),
                with("role", 1.5),
                with("role", 4_294_967_296L),
                with("app_id", " "));

        for (Map<String, Object> claims : broken) {
            assertThat(tokens.verify(sign(header(KEY.kid()), claims, ours)))
                    .as("claims %s", claims).isEqualTo(new Invalid(Reason.MISSING_CLAIMS));
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("garbage")
    void shouldAnswerMalformedToGarbage(String garbage) {
        assertThat(tokens.verify(garbage)).isEqualTo(new Invalid(Reason.MALFORMED));
    }

    /** Beside plain junk, tokens whose only defect is their encoding: a well-formed header naming our key. */
    static Stream<String> garbage() {
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + KEY.kid() + "\"}");
        String payload = base64Url(JSONObjectUtils.toJSONString(claims()));
        String signature = "c2lnbmF0dXJl";
        return Stream.of(
                " ", "garbage", "a.b", "a.b.c.d", "..", "...", "a.b.c.d.e", "Bearer a.b.c", "é.é.é", "\u0000.\u0000.\u0000",
                header + "." + payload,
                header + "." + payload + "." + signature + "." + signature,
                header + "." + payload + ".%%%%",
                header + "=." + payload + "." + signature,
                header + "." + payload.replace('-', '+').replace('_', '/') + "+/." + signature,
                header + "." + payload + "." + signature + "A", // a base64url segment is never 4n+1 characters long
                header + ".." + signature,
                sign(header(KEY.kid()), "not json", new RSASSASigner(KEY.privateKey())), // signed by us, yet no claims
                sign(header(KEY.kid()), "[1,2]", new RSASSASigner(KEY.privateKey())),
                base64Url("not json") + "." + payload + "." + signature,
                base64Url("[1,2]") + "." + payload + "." + signature,
                base64Url("{}") + "." + payload + "." + signature,
                base64Url("{\"alg\":256}") + "." + payload + "." + signature,
                base64Url("{\"alg\":\"RS256\",\"alg\":\"none\"}") + "." + payload + "." + signature,
                base64Url("{\"alg\":\"RS256\",\"x\":" + "[".repeat(2500) + "]".repeat(2500) + "}") + "." + payload + "." + signature);
    }

    @Test
    void shouldRejectTokenLargerThan8KbEvenWhenSignedByUs() {
        JWSSigner ours = new RSASSASigner(KEY.privateKey());
        Map<String, Object> claims = claims();
        claims.put("pad", "");
        int unpadded = sign(header(KEY.kid()), claims, ours).length();
        String largestAccepted = null;
        String smallestRefused = null;
        // Every three padding characters grow the token by four; step one by one across the limit.
        for (int pad = (8192 - unpadded) / 4 * 3 - 6; smallestRefused == null; pad++) {
            claims.put("pad", "x".repeat(pad));
            String token = sign(header(KEY.kid()), claims, ours);
            if (token.length() <= 8192) {
                largestAccepted = token;
            } else {
                smallestRefused = token;
            }
        }

        assertThat(largestAccepted).hasSizeGreaterThan(8188);
        assertThat(tokens.verify(largestAccepted)).isInstanceOf(Valid.class);
        assertThat(smallestRefused).hasSizeLessThan(8196);
        assertThat(tokens.verify(smallestRefused)).isEqualTo(new Invalid(Reason.MALFORMED));
        assertThat(tokens.verify("a".repeat(1 << 20))).isEqualTo(new Invalid(Reason.MALFORMED));
    }

    @Test
    void shouldRefuseToIssueWithoutAnActiveKey() {
        ring.replace(List.of());

        assertThatThrownBy(() -> issue(Duration.ofMinutes(5))).isInstanceOf(IllegalStateException.class);
        assertThat(tokens.verify(sign(header(KEY.kid()), claims(), new RSASSASigner(KEY.privateKey()))))
                .isEqualTo(new Invalid(Reason.UNKNOWN_KEY));
    }

    private String issue(Duration lifetime) {
        return tokens.issue(new AccessTokenRequest(APP, USER, 1, SESSION, lifetime)).token();
    }

    private static Map<String, Object> with(String claim, Object value) {
        Map<String, Object> claims = claims();
        claims.put(claim, value);
        return claims;
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", USER.toString());
        claims.put("aud", APP);
        claims.put("app_id", APP);
        claims.put("role", 1);
        claims.put("sid", SESSION.toString());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", NOW.getEpochSecond());
        claims.put("nbf", NOW.getEpochSecond());
        claims.put("exp", NOW.plus(Duration.ofMinutes(5)).getEpochSecond());
        return claims;
    }

    private static JWSHeader header(String kid) {
        return header(JWSAlgorithm.RS256, kid);
    }

    private static JWSHeader header(JWSAlgorithm algorithm, String kid) {
        return new JWSHeader.Builder(algorithm).keyID(kid).type(AccessTokenFormat.TYPE).build();
    }

    private static String sign(JWSHeader header, Map<String, Object> claims, JWSSigner signer) {
        return sign(header, JSONObjectUtils.toJSONString(claims), signer);
    }

    private static String sign(JWSHeader header, String payload, JWSSigner signer) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(payload));
            jws.sign(signer);
            return jws.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static KeyPair keyPair(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
