package io.passportsuite.passport.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.security.Provider;
import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

class RsaSignersTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final SigningKey KEY = SigningKey.generate(NOW, NOW);

    @Test
    void shouldSignThroughAwsLcOnceLoadedWithTheJdksVeryBytes() throws Exception {
        assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
        assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
        RsaSigners signers = RsaSigners.nativeWhenLoaded();
        signers.awaitLoaded();
        JWSSigner signer = signers.signerFor(KEY);

        SignedJWT nativelySigned = token();
        nativelySigned.sign(signer);
        SignedJWT jdkSigned = token();
        jdkSigned.sign(new RSASSASigner(KEY.privateKey()));

        assertThat(signer.getJCAContext().getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        // RS256 (PKCS #1 v1.5) is deterministic: the same token whoever signs it.
        assertThat(nativelySigned.serialize()).isEqualTo(jdkSigned.serialize());
        assertThat(SignedJWT.parse(nativelySigned.serialize()).verify(new RSASSAVerifier(KEY.publicKey()))).isTrue();
    }

    @Test
    void shouldSignWithTheJdkWhenTheProviderCannotTakeTheKey() throws Exception {
        Provider withoutRsa = new Provider("NoRsa", "1", "has no RSA") {
        };
        JWSSigner signer = RsaSigners.using(withoutRsa).signerFor(KEY);

        SignedJWT signed = token();
        signed.sign(signer);

        assertThat(signed.verify(new RSASSAVerifier(KEY.publicKey()))).isTrue();
        assertThat(signer.getJCAContext().getProvider()).isNull();
    }

    @Test
    void shouldSignWithTheJdkWhenNativeSigningIsOff() throws Exception {
        JWSSigner signer = RsaSigners.jdkOnly().signerFor(KEY);

        SignedJWT signed = token();
        signed.sign(signer);

        assertThat(signed.verify(new RSASSAVerifier(KEY.publicKey()))).isTrue();
        assertThat(signer.getJCAContext().getProvider()).isNull();
    }

    private static SignedJWT token() {
        return new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.kid()).build(),
                new JWTClaimsSet.Builder().subject("user").issueTime(Date.from(NOW)).build());
    }
}
