package io.passportsuite.admin.passport;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.loadbalancer.FeignBlockingLoadBalancerClient;
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

    /** Passport's internal API answers only the suite's services, which prove it with the shared credential. */
    @Bean
    RequestInterceptor internalCredential(@Value("${passport.internal.credential:}") String credential) {
        return template -> {
            if (!credential.isBlank()) {
                template.header(SuiteHeaders.INTERNAL_CREDENTIAL, credential);
            }
        };
    }

    /**
     * The JDK's HTTP client (it sends PATCH), behind discovery's load balancer; with
     * {@code passport.service.url} set, Feign unwraps the balancer and calls the address directly.
     */
    @Bean
    Client jdkClient(LoadBalancerClient balancer, LoadBalancerClientFactory balancers) {
        return new FeignBlockingLoadBalancerClient(new JdkHttpClient(), balancer, balancers, List.of());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableFeignClients(clients = PassportApi.class)
    static class Clients {
    }
}
