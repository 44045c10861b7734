package io.passportsuite.passport.api.envelope;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.web.ProblemResponder;
import io.passportsuite.passport.web.ProblemStatus;

/**
 * The envelope surface's errors: {@code {success: false, data: null, message, error_code}} with
 * the message in Chinese, and on a client error the endpoint's documented failure code
 * ({@link FailsAs}) in place of the suite's own.
 */
@Component
class EnvelopeProblems implements ProblemResponder {

    @Override
    public Surface surface() {
        return Surface.ENVELOPE;
    }

    @Override
    public ResponseEntity<Object> failure(Problem problem) {
        ErrorCode code = ProblemStatus.codeOf(problem.kind());
        HttpStatus status = ProblemStatus.statusOf(problem.kind());
        ErrorCode shown = status.is4xxClientError() && status != HttpStatus.NOT_FOUND && status != HttpStatus.TOO_MANY_REQUESTS
                && status != HttpStatus.METHOD_NOT_ALLOWED ? endpointCode().orElse(code) : code;
        return ProblemResponder.respond(problem, Envelope.failure(shown, EnvelopeMessages.of(problem)));
    }

    /** The failure code of the endpoint serving the current request, if it declares one. */
    private static java.util.Optional<ErrorCode> endpointCode() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null && attributes.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST) instanceof HandlerMethod handler) {
            FailsAs declared = handler.getMethodAnnotation(FailsAs.class);
            return java.util.Optional.ofNullable(declared).map(FailsAs::value);
        }
        return java.util.Optional.empty();
    }
}
