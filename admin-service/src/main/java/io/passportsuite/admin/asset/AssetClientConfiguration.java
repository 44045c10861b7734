package io.passportsuite.admin.asset;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.loadbalancer.FeignBlockingLoadBalancerClient;
import org.springframework.cloud.openfeign.loadbalancer.LoadBalancerFeignRequestTransformer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import feign.Client;
import feign.Contract;
import feign.FeignException;
import feign.RequestInterceptor;
import feign.codec.ErrorDecoder;
import io.passportsuite.common.web.SuiteHeaders;

/**
 * The client's own beans, kept in its context as membership's are: Feign's contract, errors as
 * answered, the suite's credential on every call. Timeouts:
 * {@code spring.cloud.openfeign.client.config.asset-service.*} in application.yml.
 */
class AssetClientConfiguration {

    @Bean
    Contract feignContract() {
        return new Contract.Default();
    }

    @Bean
    ErrorDecoder errorsAsAnswered() {
        return FeignException::errorStatus;
    }

    /** Feign's own client; behind the load balancer when found through discovery. */
    @Bean
    Client assetHttp(@Value("${asset.service.url:}") String url, ObjectProvider<LoadBalancerClient> loadBalancer,
            ObjectProvider<LoadBalancerClientFactory> loadBalancers, ObjectProvider<LoadBalancerFeignRequestTransformer> transformers) {
        Client client = new Client.Default(null, null);
        return url.isBlank()
                ? new FeignBlockingLoadBalancerClient(client, loadBalancer.getObject(), loadBalancers.getObject(),
                        transformers.orderedStream().toList())
                : client;
    }

    /** Asset-service's internal API answers only the suite's services, which prove it with the shared credential. */
    @Bean
    RequestInterceptor internalCredential(@Value("${passport.internal.credential:}") String credential) {
        return template -> {
            if (!credential.isBlank()) {
                template.header(SuiteHeaders.INTERNAL_CREDENTIAL, credential);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @EnableFeignClients(clients = AssetApi.class)
    static class Clients {
    }
}
