package io.passportsuite.passport.web;

import io.passportsuite.passport.session.ClientInfo;
import jakarta.servlet.http.HttpServletRequest;

/** Where a request came from, read from the request for the use cases that record it. */
public final class ClientInfos {

    private static final int MAX_USER_AGENT = 300;

    private ClientInfos() {
    }

    public static ClientInfo of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new ClientInfo(request.getRemoteAddr(), agent);
    }
}
