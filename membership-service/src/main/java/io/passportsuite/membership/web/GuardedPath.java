package io.passportsuite.membership.web;

import java.util.Optional;

import io.passportsuite.common.web.ResolvedPath;
import io.passportsuite.common.web.Surface;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The surface a request is for, decided on the path as the container and Spring MVC resolve it,
 * not on its raw spelling ({@link ResolvedPath}): {@code /internal;x/apps}, {@code /%69nternal/apps}
 * and {@code /a/../internal/apps} all reach the internal controllers.
 */
final class GuardedPath {

    private GuardedPath() {
    }

    /** The guarded surface ({@code api}, {@code admin}, {@code internal}) of the request, if any. */
    static Optional<Surface> of(HttpServletRequest request) {
        String servletPath = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<Surface> byUri = surfaceOf(request.getRequestURI());
        return byUri.isPresent() ? byUri : surfaceOf(servletPath);
    }

    /** A path that cannot be decoded counts as internal: the container refuses such paths anyway. */
    static Optional<Surface> surfaceOf(String rawPath) {
        return switch (ResolvedPath.firstSegmentOf(rawPath)) {
            case ResolvedPath.FirstSegment.Undecodable undecodable -> Optional.of(Surface.INTERNAL);
            case ResolvedPath.FirstSegment.Named(String first) -> switch (first) {
                case "api" -> Optional.of(Surface.CHAT);
                case "admin" -> Optional.of(Surface.ENVELOPE);
                case "internal" -> Optional.of(Surface.INTERNAL);
                default -> Optional.empty();
            };
        };
    }
}
