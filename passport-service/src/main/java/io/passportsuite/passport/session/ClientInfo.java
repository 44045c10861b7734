package io.passportsuite.passport.session;

/** Where a request came from, as recorded with sessions and login events. */
public record ClientInfo(String ip, String userAgent) {
}
