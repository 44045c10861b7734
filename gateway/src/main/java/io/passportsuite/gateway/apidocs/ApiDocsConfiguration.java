package io.passportsuite.gateway.apidocs;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    SurfaceDocuments surfaceDocuments(ApiDocsProperties properties, AccessRules access, RateLimitedPaths limits,
            ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer, ObjectProvider<BuildProperties> build,
            ObjectProvider<JsonMapper> json) {
        // http://<service-name>/...: through discovery, as the routes reach the services.
        WebClient services = WebClient.builder().filter(loadBalancer.getObject())
                // A surface's part is some tens of KiB; the default 256 KiB would be close for the admin API.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
        BuildProperties info = build.getIfAvailable();
        return new SurfaceDocuments(properties, new SurfaceDocumentMerge(access, limits), services, json.getIfAvailable(JsonMapper::new),
                info == null ? "unknown" : info.getVersion());
    }
}
