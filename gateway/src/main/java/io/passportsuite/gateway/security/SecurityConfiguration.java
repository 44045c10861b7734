package io.passportsuite.gateway.security;

import java.net.URI;
import java.time.Clock;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.gateway.web.ClientIpResolver;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    RevokedSessions revokedSessions() {
        return new RevokedSessions(Clock.systemUTC());
    }

    @Bean
    AccessTokenVerifier accessTokenVerifier(SecurityProperties properties,
            ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer, MeterRegistry meters) {
        WebClient passport = passportClient(properties.passportUri(), loadBalancer);
        Clock clock = Clock.systemUTC();
        JwksKeys keys = new JwksKeys(
                passport.get().uri("/.well-known/jwks.json").retrieve().bodyToMono(String.class)
                        .timeout(java.time.Duration.ofSeconds(5)),
                properties.jwksMaxAge(), properties.jwksMinRefreshInterval(), clock);
        return new AccessTokenVerifier(keys, properties.issuer(), properties.clockSkew(), clock, meters);
    }

    @Bean
    LocalTokenValidation localTokenValidation(SecurityProperties properties, RevokedSessions revoked, AccessTokenVerifier tokens,
            ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer, MeterRegistry meters) {
        ValidationAnswers answers = new ValidationAnswers(properties.tokenValidation().answerFor(),
                properties.tokenValidation().maxMemory().toBytes(), properties.tokenValidation().refreshAhead(), revoked,
                Clock.systemUTC());
        meters.gauge("passport.gateway.token.validate.answers.kept", answers, ValidationAnswers::size);
        WebClient passport = passportClient(properties.passportUri(), loadBalancer);
        LocalTokenValidation.Passport validations = (headers, body) -> passport.post().uri(LocalTokenValidation.PATH)
                .headers(sent -> sent.addAll(headers))
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(answer -> new LocalTokenValidation.Asked(response.statusCode().value(),
                                response.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_TYPE), answer)));
        return new LocalTokenValidation(answers, tokens, validations, meters);
    }

    @Bean
    EdgeAuthenticationFilter edgeAuthenticationFilter(SecurityProperties properties, RevokedSessions revoked,
            AccessTokenVerifier tokens, ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer,
            ClientIpResolver clientIp) {
        if (properties.internalCredential().isBlank()) {
            LoggerFactory.getLogger(SecurityConfiguration.class).warn("passport.gateway.security.internal-credential "
                    + "(SUITE_INTERNAL_CREDENTIAL) is not set: API keys cannot be checked and services cannot tell gateway traffic apart");
        }
        WebClient passport = passportClient(properties.passportUri(), loadBalancer);
        return new EdgeAuthenticationFilter(
                new RoutePolicy(properties.routes()),
                tokens,
                revoked,
                new ApiKeyCheck(passport, properties.internalCredential(), properties.apiKeyCacheTtl(), Clock.systemUTC()),
                properties.internalCredential(),
                clientIp,
                properties.platformAppId());
    }

    @Bean
    @ConditionalOnProperty(name = "passport.gateway.security.revocation.enabled", matchIfMissing = true)
    RevocationListener revocationListener(SecurityProperties properties, RevokedSessions revoked,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, MeterRegistry meters) {
        return new RevocationListener(bootstrapServers, properties.revocation().topic(), properties.clockSkew(), revoked,
                meters);
    }

    @Bean
    RevocationHealthIndicator revocationsHealthIndicator(ObjectProvider<RevocationListener> listener) {
        return new RevocationHealthIndicator(listener.getIfAvailable());
    }

    /** {@code lb://name} goes through discovery, as the routes do; any other URI is called as it is. */
    private static WebClient passportClient(URI uri, ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer) {
        if (!"lb".equalsIgnoreCase(uri.getScheme())) {
            return WebClient.builder().baseUrl(uri.toString()).build();
        }
        return WebClient.builder()
                .baseUrl("http://" + uri.getHost())
                .filter(loadBalancer.getObject())
                .build();
    }
}
