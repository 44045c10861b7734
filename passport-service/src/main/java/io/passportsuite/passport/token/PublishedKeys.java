package io.passportsuite.passport.token;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import com.nimbusds.jose.jwk.RSAKey;

/** What a verifier of access tokens needs to know: the keys published now, the issuer, where they are served. */
@Service
public class PublishedKeys {

    private final SigningKeyRing ring;
    private final TokenProperties properties;
    private final Clock clock;

    PublishedKeys(SigningKeyRing ring, TokenProperties properties, Clock clock) {
        this.ring = ring;
        this.properties = properties;
        this.clock = clock;
    }

    /** The public keys as JWK objects, the next key included once it is published ahead of use. */
    public List<Map<String, Object>> jwks() {
        return ring.publishedAt(clock.instant()).stream().map(RSAKey::toJSONObject).toList();
    }

    public String issuer() {
        return properties.issuer();
    }

    /** The base URL clients reach this service at, without a trailing slash. */
    public String publicBaseUrl() {
        return properties.publicBaseUrl().replaceAll("/+$", "");
    }
}
