package io.passportsuite.common.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.passportsuite.common.token.AccessTokenCheck.Reason;

class HeaderAndSignatureTest {

    private static final RSAKey KEY = generate("key-1");
    private static final RSAKey OTHER_KEY = generate("key-2");

    @Test
    void shouldNameTheKeyOfAnAcceptableHeader() throws Exception {
        assertThat(AccessTokenRules.checkHeader(signed(KEY, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1")
                .type(AccessTokenFormat.TYPE).build())))
                .isEqualTo(new HeaderCheck.Accepted("key-1"));
    }

    @Test
    void shouldRefuseBeforeAnyKeyIsChosen() throws Exception {
        assertThat(AccessTokenRules.checkHeader("not a token")).isEqualTo(new HeaderCheck.Refused(Reason.MALFORMED));
        assertThat(AccessTokenRules.checkHeader(signed(KEY, new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokenFormat.TYPE).build())))
                .isEqualTo(new HeaderCheck.Refused(Reason.UNKNOWN_KEY));
        assertThat(AccessTokenRules.checkHeader(signed(KEY, new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("key-1")
                .type(AccessTokenFormat.TYPE).build())))
                .isEqualTo(new HeaderCheck.Refused(Reason.UNSUPPORTED_ALGORITHM));
    }

    @Test
    void shouldGiveTheTokenBackOnlyWhenItsSignatureMatchesTheKey() throws Exception {
        String token = signed(KEY, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").type(AccessTokenFormat.TYPE).build());
        assertThat(AccessTokenFormat.verifiedWith(new RSASSAVerifier(KEY.toRSAPublicKey()), token)).isPresent();
        assertThat(AccessTokenFormat.verifiedWith(new RSASSAVerifier(OTHER_KEY.toRSAPublicKey()), token)).isEmpty();
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        assertThat(AccessTokenFormat.verifiedWith(new RSASSAVerifier(KEY.toRSAPublicKey()), unsigned)).isEmpty();
        assertThat(AccessTokenFormat.verifiedWith(new RSASSAVerifier(KEY.toRSAPublicKey()), "a.b.c")).isEmpty();
    }

    private static String signed(RSAKey key, JWSHeader header) throws Exception {
        SignedJWT jwt = new SignedJWT(header, new JWTClaimsSet.Builder().subject("someone").issueTime(new Date()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
