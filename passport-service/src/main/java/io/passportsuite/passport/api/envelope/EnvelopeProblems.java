package io.passportsuite.passport.api.envelope;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.web.ProblemResponder;
import io.passportsuite.passport.web.ProblemStatus;

/**
 * The envelope surface's errors: {@code {success: false, data: null, message, error_code}} with
 * the message in Chinese, and on a client error the endpoint's documented failure code
 * ({@link FailsAs}) in place of the suite's own, also when the request was refused before its
 * controller was chosen (a body too large for the filter in front).
 */
@Component
class EnvelopeProblems implements ProblemResponder {

    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private volatile Map<String, ErrorCode> codesByPath;

    EnvelopeProblems(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public Surface surface() {
        return Surface.ENVELOPE;
    }

    @Override
    public ResponseEntity<Object> failure(Problem problem) {
        return render(problem, handlerCode());
    }

    @Override
    public ResponseEntity<Object> failureAt(String path, Problem problem) {
        return render(problem, handlerCode().or(() -> Optional.ofNullable(codesByPath().get(path))));
    }

    private static ResponseEntity<Object> render(Problem problem, Optional<ErrorCode> endpointCode) {
        ErrorCode code = ProblemStatus.codeOf(problem.kind());
        HttpStatus status = ProblemStatus.statusOf(problem.kind());
        // A failure of the identity provider behind the endpoint is still the endpoint's failure
        // (GITHUB_OAUTH_FAILED), with the 502/503 status that tells the client to retry later.
        boolean upstream = problem.kind() == Problem.Kind.UPSTREAM_FAILED || problem.kind() == Problem.Kind.UPSTREAM_UNAVAILABLE;
        ErrorCode shown = upstream || status.is4xxClientError() && status != HttpStatus.NOT_FOUND && status != HttpStatus.TOO_MANY_REQUESTS
                && status != HttpStatus.METHOD_NOT_ALLOWED ? endpointCode.orElse(code) : code;
        return ProblemResponder.respond(problem, Envelope.failure(shown, EnvelopeMessages.of(problem)));
    }

    /** The failure code of the controller method serving the current request, if it declares one. */
    private static Optional<ErrorCode> handlerCode() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null && attributes.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST) instanceof HandlerMethod handler) {
            return Optional.ofNullable(handler.getMethodAnnotation(FailsAs.class)).map(FailsAs::value);
        }
        return Optional.empty();
    }

    /** Every envelope endpoint's declared code by its path, read once from the controllers. */
    private Map<String, ErrorCode> codesByPath() {
        Map<String, ErrorCode> codes = codesByPath;
        if (codes == null) {
            Map<String, ErrorCode> found = new HashMap<>();
            RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
            if (mapping != null) {
                mapping.getHandlerMethods().forEach((info, handler) -> {
                    FailsAs declared = handler.getMethodAnnotation(FailsAs.class);
                    if (declared != null) {
                        info.getPatternValues().forEach(pattern -> found.put(pattern, declared.value()));
                    }
                });
            }
            codes = Map.copyOf(found);
            codesByPath = codes;
        }
        return codes;
    }
}
