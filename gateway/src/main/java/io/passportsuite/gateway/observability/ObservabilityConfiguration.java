package io.passportsuite.gateway.observability;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.propagation.Propagator;

@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    TracingFilter tracingFilter(ObjectProvider<Propagator> propagator,
            @Value("${passport.gateway.tracing.trust-client-context:false}") boolean trustClientContext) {
        // A provider: the tracer's auto-configuration is read after this class; without tracing, a no-op.
        return new TracingFilter(propagator.getIfAvailable(() -> Propagator.NOOP), trustClientContext);
    }

    @Bean
    AccessLogFilter accessLogFilter(MeterRegistry meters) {
        return new AccessLogFilter(meters);
    }

    @Bean
    UserIdRecorder userIdRecorder() {
        return new UserIdRecorder();
    }
}
