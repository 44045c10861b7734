package io.passportsuite.passport.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.outcome.Problem;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The responder of each surface, for errors raised before or outside a surface's controllers
 * (unknown paths, filters, unreadable requests): the surface is the one the suite's declaration
 * gives the request's path. A surface without a responder of its own answers plain JSON.
 */
@Component
public class ProblemResponders {

    /** Tomcat creates its error valve by class name, outside the application: it finds the responders here. */
    private static volatile ProblemResponders running;

    private final Map<Surface, ProblemResponder> bySurface = new EnumMap<>(Surface.class);

    ProblemResponders(List<ProblemResponder> responders) {
        for (Surface surface : Surface.values()) {
            bySurface.put(surface, new PlainProblems(surface));
        }
        responders.forEach(responder -> bySurface.put(responder.surface(), responder));
        running = this;
    }

    public ProblemResponder of(HttpServletRequest request) {
        return of(Surface.of(pathOf(request)));
    }

    public ProblemResponder of(Surface surface) {
        return bySurface.get(surface);
    }

    public ResponseEntity<Object> failure(HttpServletRequest request, Problem problem) {
        String path = pathOf(request);
        return of(Surface.of(path)).failureAt(path, problem);
    }

    /** The path as the controllers were matched on (decoded, {@code ;parameters} removed), not as the client spelled it. */
    private static String pathOf(HttpServletRequest request) {
        String path = request.getServletPath();
        return path == null || path.isEmpty() ? request.getRequestURI() : path;
    }

    static ProblemResponder forValve(String path) {
        ProblemResponders responders = running;
        return responders == null ? new PlainProblems(Surface.of(path)) : responders.of(Surface.of(path));
    }
}
