package io.passportsuite.passport.web;

import java.util.Collection;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.account.UserChanged;
import io.passportsuite.passport.session.SessionsEnded;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Names, in the answer of the request that caused it, the users whose sessions ended
 * ({@link SuiteHeaders#SESSIONS_REVOKED}) or whose profile changed ({@link SuiteHeaders#USERS_CHANGED}).
 * The gateway answers repeated token validations and profile reads itself for a second at most;
 * with this it stops at once for a logout or a change it routed, and the client never sees the
 * header. Only for callers holding the internal credential: the gateway, or a service.
 */
@Component
class GatewayNotices {

    private final InternalCredential credential;

    GatewayNotices(InternalCredential credential) {
        this.credential = credential;
    }

    @EventListener
    void on(SessionsEnded ended) {
        name(SuiteHeaders.SESSIONS_REVOKED, ended.userId());
    }

    @EventListener
    void on(UserChanged changed) {
        name(SuiteHeaders.USERS_CHANGED, changed.userId());
    }

    private void name(String header, UUID user) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current)
                || current.getResponse() == null || current.getResponse().isCommitted()
                || !credential.presentedBy(current.getRequest())) {
            return;
        }
        HttpServletResponse response = current.getResponse();
        String userId = user.toString();
        Collection<String> named = response.getHeaders(header);
        if (!named.contains(userId)) {
            response.addHeader(header, userId);
        }
    }
}
