package io.passportsuite.common.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Wires {@link RealInfrastructure}; registered in this module's {@code META-INF/spring.factories}. */
public class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        RealInfrastructure settings = AnnotatedElementUtils.findMergedAnnotation(testClass, RealInfrastructure.class);
        return settings == null ? null : new Customizer(testClass, settings.database(), settings.kafka(), settings.logShipping());
    }

    /**
     * Equal only for the same test class: that is what gives each class its own context, and so
     * its own database, instead of sharing a cached one with every class of the same config.
     */
    private record Customizer(Class<?> testClass, boolean database, boolean kafka, boolean logShipping) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> properties = new HashMap<>();
            if (database) {
                TestPostgres.Database db = TestPostgres.freshDatabase(testClass.getSimpleName());
                properties.put("spring.datasource.url", db.url());
                properties.put("spring.datasource.username", db.username());
                properties.put("spring.datasource.password", db.password());
                // Many test JVMs share one server: keep each context's share of connections small.
                properties.put("spring.datasource.hikari.maximum-pool-size", "5");
                properties.put("spring.datasource.hikari.minimum-idle", "1");
            }
            if (kafka) {
                properties.put("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers());
            }
            properties.put("passport.logs.shipping.enabled", String.valueOf(logShipping));
            properties.put("eureka.client.enabled", "false");
            properties.put("spring.cloud.discovery.enabled", "false");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realInfrastructure", properties));
        }
    }
}
