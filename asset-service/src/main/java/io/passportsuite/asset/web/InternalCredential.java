package io.passportsuite.asset.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The credential the suite's services share; the gateway adds it to every request it routes.
 * Without a configured value nobody presents it, so the service is closed rather than open.
 */
@Component
class InternalCredential {

    private final byte[] credential;

    InternalCredential(@Value("${passport.internal.credential:}") String credential) {
        this.credential = credential.getBytes(StandardCharsets.UTF_8);
    }

    boolean presentedBy(HttpServletRequest request) {
        String presented = request.getHeader(SuiteHeaders.INTERNAL_CREDENTIAL);
        return credential.length > 0 && presented != null
                && MessageDigest.isEqual(credential, presented.getBytes(StandardCharsets.UTF_8));
    }
}
