package io.passportsuite.passport.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The credential the suite's services share for calls among themselves. Without a configured
 * value nobody presents it, so internal access is closed rather than open.
 */
@Component
public class InternalCredential {

    private final byte[] credential;

    InternalCredential(@Value("${passport.internal.credential:}") String credential) {
        this.credential = credential.getBytes(StandardCharsets.UTF_8);
    }

    public boolean presentedBy(HttpServletRequest request) {
        String presented = request.getHeader(SuiteHeaders.INTERNAL_CREDENTIAL);
        return credential.length > 0 && presented != null
                && MessageDigest.isEqual(credential, presented.getBytes(StandardCharsets.UTF_8));
    }
}
