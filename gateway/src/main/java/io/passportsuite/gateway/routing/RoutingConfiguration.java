package io.passportsuite.gateway.routing;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.netty.http.client.HttpClient;

/**
 * The filters that send a request to a service and write its answer back, built with the
 * gateway's own header rule ({@link ProxiedHeaders}) instead of every header filter bean on the
 * class path. Spring Cloud Gateway's own two beans are switched off in application.yml
 * ({@code global-filter.netty-routing.enabled: false}); were they switched on again, start-up
 * would fail on the duplicate bean names rather than route with two header rules.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    private static final ObjectProvider<List<HttpHeadersFilter>> HEADER_RULE = new ObjectProvider<>() {

        private final List<HttpHeadersFilter> rule = List.of(new ProxiedHeaders());

        @Override
        public List<HttpHeadersFilter> getObject() {
            return rule;
        }

        @Override
        public List<HttpHeadersFilter> getIfAvailable() {
            return rule;
        }
    };

    @Bean
    NettyRoutingFilter routingFilter(HttpClient gatewayHttpClient, HttpClientProperties properties) {
        return new NettyRoutingFilter(gatewayHttpClient, HEADER_RULE, properties);
    }

    @Bean
    NettyWriteResponseFilter nettyWriteResponseFilter(GatewayProperties properties) {
        return new NettyWriteResponseFilter(properties.getStreamingMediaTypes(), HEADER_RULE);
    }
}
