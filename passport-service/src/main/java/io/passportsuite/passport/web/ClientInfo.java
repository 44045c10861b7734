package io.passportsuite.passport.web;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request came from, as recorded with sessions and login events. */
public record ClientInfo(String ip, String userAgent) {

    private static final int MAX_USER_AGENT = 300;

    public static ClientInfo of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new ClientInfo(request.getRemoteAddr(), agent);
    }
}
