package io.passportsuite.passport.web;

import java.util.Collection;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.session.SessionsEnded;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Names, in the answer of the request that ended them, the users whose sessions ended
 * ({@link SuiteHeaders#SESSIONS_REVOKED}). The gateway answers repeated token validations itself
 * for a second at most; with this it stops at once for a logout it routed, and the client never
 * sees the header. Only for callers holding the internal credential: the gateway, or a service.
 */
@Component
class RevokedSessionsNotice {

    private final InternalCredential credential;

    RevokedSessionsNotice(InternalCredential credential) {
        this.credential = credential;
    }

    @EventListener
    void on(SessionsEnded ended) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current)
                || current.getResponse() == null || current.getResponse().isCommitted()
                || !credential.presentedBy(current.getRequest())) {
            return;
        }
        HttpServletResponse response = current.getResponse();
        String userId = ended.userId().toString();
        Collection<String> named = response.getHeaders(SuiteHeaders.SESSIONS_REVOKED);
        if (!named.contains(userId)) {
            response.addHeader(SuiteHeaders.SESSIONS_REVOKED, userId);
        }
    }
}
