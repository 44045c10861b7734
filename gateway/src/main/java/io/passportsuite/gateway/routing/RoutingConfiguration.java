package io.passportsuite.gateway.routing;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.netty.http.client.HttpClient;

/**
 * The filters that send a request to a service and write its answer back: the gateway's own
 * {@link ServiceForwardingFilter} in place of Spring Cloud Gateway's routing filter, and its
 * response-writing filter without header filters (the forwarding filter has applied the gateway's
 * header rule already). Spring Cloud Gateway's two beans are switched off in application.yml
 * ({@code global-filter.netty-routing.enabled: false}); were they switched on again, start-up
 * would fail on the duplicate bean names rather than send every request twice.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    ServiceForwardingFilter routingFilter(HttpClient gatewayHttpClient, HttpClientProperties properties) {
        return new ServiceForwardingFilter(gatewayHttpClient, properties);
    }

    @Bean
    RequestBodyLimits requestBodyLimits(RequestBodyProperties defaults) {
        return new RequestBodyLimits(defaults);
    }

    @Bean
    ReadRetry readRetry(RetryGatewayFilterFactory factory, ReadRetryProperties properties) {
        return new ReadRetry(factory, properties);
    }

    @Bean
    NettyWriteResponseFilter nettyWriteResponseFilter(GatewayProperties properties) {
        return new NettyWriteResponseFilter(properties.getStreamingMediaTypes(), NO_TRAILER_FILTERS);
    }

    // Trailers a service sends are passed on as they are.
    private static final ObjectProvider<List<HttpHeadersFilter>> NO_TRAILER_FILTERS = new ObjectProvider<>() {

        @Override
        public List<HttpHeadersFilter> getObject() {
            return List.of();
        }

        @Override
        public List<HttpHeadersFilter> getIfAvailable() {
            return List.of();
        }
    };
}
