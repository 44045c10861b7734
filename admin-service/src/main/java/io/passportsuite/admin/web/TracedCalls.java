package io.passportsuite.admin.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import feign.RequestInterceptor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Every Feign call to passport, membership or asset goes on in the operator's request's trace: its
 * W3C context rides in the call's headers. (Feign's own Micrometer module would add a client span
 * too; it is not published for this Feign version, and the callee's server span, a child of the
 * operator's request, shows the call's time all the same.) One bean of the application's context,
 * so every client's context inherits it.
 */
@Configuration(proxyBeanMethods = false)
class TracedCalls {

    @Bean
    RequestInterceptor traceContext(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer tracing = tracer.getIfAvailable(() -> Tracer.NOOP);
        Propagator propagates = propagator.getIfAvailable(() -> Propagator.NOOP);
        return template -> {
            Span current = tracing.currentSpan();
            if (current != null) {
                propagates.inject(current.context(), template, (call, name, value) -> call.header(name, value));
            }
        };
    }
}
