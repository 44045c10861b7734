package io.passportsuite.passport.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.passport.app.DefaultApp;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final MeterRegistry meters;
    private final DefaultApp defaultApp;

    WebConfiguration(MeterRegistry meters, DefaultApp defaultApp) {
        this.meters = meters;
        this.defaultApp = defaultApp;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // First, so that a login refused by a later interceptor is counted too.
        LoginMetrics.register(registry, meters, defaultApp);
        registry.addInterceptor(new StorableParametersInterceptor());
    }

    /** Requests Tomcat refuses before Spring sees them still get the surface's error format. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> surfaceErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(SurfaceErrorReportValve.class.getName());
            }
        });
    }
}
