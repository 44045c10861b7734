package io.passportsuite.passport.web;

import io.passportsuite.common.web.ResolvedPath;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request is for {@code /internal/**}, decided on the path as the container and Spring
 * MVC resolve it, not on its raw spelling ({@link ResolvedPath}). A path that cannot be decoded
 * counts as internal: the container refuses such paths anyway, and nothing is lost by refusing.
 */
final class InternalPath {

    private InternalPath() {
    }

    static boolean of(HttpServletRequest request) {
        String servletPath = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return isInternal(request.getRequestURI()) || isInternal(servletPath);
    }

    static boolean isInternal(String rawPath) {
        ResolvedPath.FirstSegment first = ResolvedPath.firstSegmentOf(rawPath);
        return first instanceof ResolvedPath.FirstSegment.Undecodable || first.is("internal");
    }
}
