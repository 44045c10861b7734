package io.passportsuite.admin.passport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.openfeign.loadbalancer.FeignBlockingLoadBalancerClient;
import org.springframework.cloud.openfeign.loadbalancer.LoadBalancerFeignRequestTransformer;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import feign.Client;
import feign.Contract;
import feign.FeignException;
import feign.RequestInterceptor;
import feign.codec.ErrorDecoder;
import io.passportsuite.common.web.SuiteHeaders;

/**
 * The client's own beans (Feign's contract, the credential on every call), kept in the client's
 * context: not a {@code @Configuration} of the application, or every Feign client would get them.
 * Its timeouts are {@code spring.cloud.openfeign.client.config.passport-service.*} in application.yml.
 */
class PassportClientConfiguration {

    @Bean
    Contract feignContract() {
        return new Contract.Default();
    }

    /**
     * Every error answer as it came, headers included: Feign's default turns a {@code Retry-After}
     * into a retryable exception without the header, which the administrator is owed.
     */
    @Bean
    ErrorDecoder errorsAsAnswered() {
        return FeignException::errorStatus;
    }

    /**
     * The JDK's client (see {@link JdkHttpClient}); behind the load balancer when passport is found
     * through discovery, as Feign's own client would be.
     */
    @Bean
    Client passportHttp(@Value("${passport.service.url:}") String url, ObjectProvider<LoadBalancerClient> loadBalancer,
            ObjectProvider<LoadBalancerClientFactory> loadBalancers, ObjectProvider<LoadBalancerFeignRequestTransformer> transformers) {
        Client client = new JdkHttpClient();
        return url.isBlank()
                ? new FeignBlockingLoadBalancerClient(client, loadBalancer.getObject(), loadBalancers.getObject(),
                        transformers.orderedStream().toList())
                : client;
    }

    /** Passport's internal API answers only the suite's services, which prove it with the shared credential. */
    @Bean
    RequestInterceptor internalCredential(@Value("${passport.internal.credential:}") String credential) {
        return template -> {
            if (!credential.isBlank()) {
                template.header(SuiteHeaders.INTERNAL_CREDENTIAL, credential);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @EnableFeignClients(clients = PassportApi.class)
    static class Clients {
    }
}
