package io.passportsuite.common.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;

import io.passportsuite.common.token.AccessTokenCheck.Invalid;
import io.passportsuite.common.token.AccessTokenCheck.Reason;
import io.passportsuite.common.token.AccessTokenCheck.Valid;

class AccessTokenRulesTest {

    private static final String ISSUER = "https://passport.example.test";
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Instant ISSUED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofMinutes(15));
    private static final UUID USER = UUID.randomUUID();
    private static final UUID SESSION = UUID.randomUUID();
    private static final String TOKEN_ID = UUID.randomUUID().toString();

    private final AccessTokenRules rules = new AccessTokenRules(ISSUER, SKEW);

    @Test
    void shouldPassAHeaderLikePassportsOwn() {
        assertThat(AccessTokenRules.refusedHeader(header().build())).isEmpty();
        assertThat(AccessTokenRules.refusedHeader(header().type(JOSEObjectType.JWT).build())).isEmpty();
        assertThat(AccessTokenRules.refusedHeader(header().type(new JOSEObjectType("application/at+jwt")).build())).isEmpty();
        assertThat(AccessTokenRules.refusedHeader(header().type(new JOSEObjectType("AT+JWT")).build())).isEmpty();
    }

    @Test
    void shouldRefuseEveryAlgorithmButRs256() {
        assertThat(AccessTokenRules.refusedHeader(new PlainHeader())).contains(Reason.UNSUPPORTED_ALGORITHM);
        // An encrypted token's header naming RS256 is still no signed token.
        assertThat(AccessTokenRules.refusedHeader(new JWEHeader.Builder(new JWEAlgorithm("RS256"), EncryptionMethod.A128GCM)
                .keyID("k1").type(AccessTokenFormat.TYPE).build())).contains(Reason.UNSUPPORTED_ALGORITHM);
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.HS256, JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256,
                new JWSAlgorithm("None"), new JWSAlgorithm("rs256"))) {
            assertThat(AccessTokenRules.refusedHeader(header(algorithm).build())).as("%s", algorithm)
                    .contains(Reason.UNSUPPORTED_ALGORITHM);
        }
    }

    @Test
    void shouldRefuseCriticalHeaders() {
        JWSHeader header = header().criticalParams(Set.of("urn:example:policy")).customParam("urn:example:policy", "strict").build();

        assertThat(AccessTokenRules.refusedHeader(header)).contains(Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dpop+jwt", "jwt+at", "application/jwt", ""})
    void shouldRefuseOtherTypes(String type) {
        assertThat(AccessTokenRules.refusedHeader(header().type(new JOSEObjectType(type)).build())).contains(Reason.MALFORMED);
    }

    @Test
    void shouldRefuseAHeaderWithoutType() {
        assertThat(AccessTokenRules.refusedHeader(header().type(null).build())).contains(Reason.MALFORMED);
    }

    @Test
    void shouldNeverTrustAKeyTheTokenCarries() throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).keyID("k1").generate();
        List<JWSHeader> headers = List.of(
                header().jwk(attacker.toPublicJWK()).build(),
                header().keyID(null).jwk(attacker.toPublicJWK()).build(),
                header().jwkURL(URI.create("https://attacker.example.test/jwks.json")).build(),
                header().x509CertURL(URI.create("https://attacker.example.test/cert.pem")).build(),
                header().x509CertChain(List.of(Base64.encode(attacker.toPublicKey().getEncoded()))).build());

        for (JWSHeader header : headers) {
            assertThat(AccessTokenRules.refusedHeader(header)).as("%s", header).contains(Reason.UNKNOWN_KEY);
        }
    }

    @Test
    void shouldRequireAKid() {
        assertThat(AccessTokenRules.refusedHeader(header().keyID(null).build())).contains(Reason.UNKNOWN_KEY);
    }

    @Test
    void shouldReadEveryClaimOfAValidToken() {
        assertThat(rules.checkClaims(claims().build(), ISSUED)).isEqualTo(new Valid(
                new AccessTokenClaims("default", USER, 9, SESSION, TOKEN_ID, ISSUED, EXPIRES)));
    }

    @Test
    void shouldReadTheCapabilitiesTheTokenCarries() {
        assertThat(rules.checkClaims(claims().claim("caps", List.of("cloud:deploy", "server:create")).build(), ISSUED))
                .isEqualTo(new Valid(new AccessTokenClaims("default", USER, 9, SESSION, TOKEN_ID, ISSUED, EXPIRES,
                        List.of("cloud:deploy", "server:create"))));
        assertThat(rules.checkClaims(claims().claim("caps", "cloud:deploy").build(), ISSUED)).isEqualTo(new Invalid(Reason.MISSING_CLAIMS));
        assertThat(rules.checkClaims(claims().claim("caps", List.of(1, 2)).build(), ISSUED)).isEqualTo(new Invalid(Reason.MISSING_CLAIMS));
    }

    @Test
    void shouldRefuseAnotherIssuer() {
        assertThat(rules.checkClaims(claims().issuer("https://elsewhere.example.test").build(), ISSUED))
                .isEqualTo(new Invalid(Reason.WRONG_ISSUER));
        assertThat(rules.checkClaims(claims().issuer(null).build(), ISSUED)).isEqualTo(new Invalid(Reason.WRONG_ISSUER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub", "aud", "app_id", "sid", "role", "jti", "iat", "exp"})
    void shouldRequireEveryClaim(String claim) {
        JWTClaimsSet claims = claims().claim(claim, null).build();

        assertThat(rules.checkClaims(claims, ISSUED)).isEqualTo(new Invalid(Reason.MISSING_CLAIMS));
    }

    @Test
    void shouldRefuseClaimsOfTheWrongShape() {
        List<Map.Entry<String, Object>> broken = List.of(
                Map.entry("aud", List.of("another-app")),
                Map.entry("sub", "not-a-uuid"),
                Map.entry("sid", 42),
                Map.entry("sid", "not-a-uuid"),
                Map.entry("role", "admin"),
                Map.entry("role", 1.5),
                Map.entry("role", 1.0),
                Map.entry("role", 4_294_967_296L),
                Map.entry("app_id", " "),
                Map.entry("app_id", 7),
                Map.entry("jti", " "));

        for (Map.Entry<String, Object> claim : broken) {
            JWTClaimsSet claims = claims().claim(claim.getKey(), claim.getValue()).build();
            assertThat(rules.checkClaims(claims, ISSUED)).as("%s", claim).isEqualTo(new Invalid(Reason.MISSING_CLAIMS));
        }
    }

    @Test
    void shouldAcceptAnAudienceThatNamesTheAppAmongOthers() {
        JWTClaimsSet claims = claims().audience(List.of("other-app", "default")).build();

        assertThat(rules.checkClaims(claims, ISSUED)).isInstanceOf(Valid.class);
    }

    @Test
    void shouldExpireOnceTheClockSkewHasPassed() {
        assertThat(rules.checkClaims(claims().build(), EXPIRES.plus(SKEW).minusMillis(1))).isInstanceOf(Valid.class);
        assertThat(rules.checkClaims(claims().build(), EXPIRES.plus(SKEW))).isEqualTo(new Invalid(Reason.EXPIRED));
    }

    @Test
    void shouldNotBeValidBeforeNotBeforeLessTheClockSkew() {
        Instant notBefore = ISSUED.plusSeconds(60);
        JWTClaimsSet claims = claims().notBeforeTime(Date.from(notBefore)).build();

        assertThat(rules.checkClaims(claims, notBefore.minus(SKEW))).isInstanceOf(Valid.class);
        assertThat(rules.checkClaims(claims, notBefore.minus(SKEW).minusMillis(1))).isEqualTo(new Invalid(Reason.NOT_YET_VALID));
    }

    @Test
    void shouldTakeTheIssueTimeAsNotBeforeWhenThereIsNone() {
        JWTClaimsSet claims = claims().notBeforeTime(null).build();

        assertThat(rules.checkClaims(claims, ISSUED.minus(SKEW))).isInstanceOf(Valid.class);
        assertThat(rules.checkClaims(claims, ISSUED.minus(SKEW).minusMillis(1))).isEqualTo(new Invalid(Reason.NOT_YET_VALID));
    }

    @Test
    void shouldCheckTheIssuerBeforeTheClaimsAndTheClaimsBeforeTheTimes() {
        JWTClaimsSet expiredWithoutSession = claims().claim("sid", null).build();
        JWTClaimsSet foreignAndExpired = claims().issuer("https://elsewhere.example.test").build();

        assertThat(rules.checkClaims(expiredWithoutSession, EXPIRES.plus(Duration.ofDays(1))))
                .isEqualTo(new Invalid(Reason.MISSING_CLAIMS));
        assertThat(rules.checkClaims(foreignAndExpired, EXPIRES.plus(Duration.ofDays(1))))
                .isEqualTo(new Invalid(Reason.WRONG_ISSUER));
    }

    @Test
    void shouldTellWhetherClaimsThatPassedAreStillUnexpired() {
        AccessTokenClaims claims = new AccessTokenClaims("default", USER, 1, SESSION, TOKEN_ID, ISSUED, EXPIRES);

        assertThat(rules.unexpired(claims, EXPIRES.plus(SKEW).minusMillis(1))).isTrue();
        assertThat(rules.unexpired(claims, EXPIRES.plus(SKEW))).isFalse();
    }

    private static JWSHeader.Builder header() {
        return header(JWSAlgorithm.RS256);
    }

    private static JWSHeader.Builder header(JWSAlgorithm algorithm) {
        return new JWSHeader.Builder(algorithm).keyID("k1").type(AccessTokenFormat.TYPE);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(USER.toString())
                .audience("default")
                .claim(AccessTokenFormat.APP_ID, "default")
                .claim(AccessTokenFormat.ROLE, 9)
                .claim(AccessTokenFormat.SESSION_ID, SESSION.toString())
                .jwtID(TOKEN_ID)
                .issueTime(Date.from(ISSUED))
                .notBeforeTime(Date.from(ISSUED))
                .expirationTime(Date.from(EXPIRES));
    }
}
