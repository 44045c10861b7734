package io.passportsuite.gateway.security;

import java.net.URI;
import java.time.Clock;

import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.gateway.web.ClientIpResolver;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Passport's validation answer repeats the token's claims: a few hundred bytes. */
    private static final int VALIDATION_ANSWER_MAX = 2 * 1024;
    /** Passport's profile answer is a few hundred bytes; its avatar URL is at most 2,048 characters. */
    private static final int PROFILE_ANSWER_MAX = 4 * 1024;

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
    LocalTokenValidation localTokenValidation(SecurityProperties properties, @Qualifier("validationAnswers") KeptAnswers answers,
            AccessTokenVerifier tokens, ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer, MeterRegistry meters) {
        WebClient passport = passportClient(properties.passportUri(), loadBalancer);
        LocalTokenValidation.Passport validations = (headers, body) -> passport.post().uri(LocalTokenValidation.PATH)
                .headers(sent -> sent.addAll(headers))
                .bodyValue(body)
                .exchangeToMono(SecurityConfiguration::asked);
        return new LocalTokenValidation(new AnswerKeeping(answers, VALIDATION_ANSWER_MAX, meters, "passport.gateway.token.validate",
                "POST " + LocalTokenValidation.PATH), tokens, validations);
    }

    @Bean
    LocalProfileAnswer localProfileAnswer(SecurityProperties properties, @Qualifier("profileAnswers") KeptAnswers answers,
            ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancer, MeterRegistry meters) {
        WebClient passport = passportClient(properties.passportUri(), loadBalancer);
        LocalProfileAnswer.Passport profiles = headers -> passport.get().uri(LocalProfileAnswer.PATH)
                .headers(sent -> sent.addAll(headers))
                .exchangeToMono(SecurityConfiguration::asked);
        return new LocalProfileAnswer(new AnswerKeeping(answers, PROFILE_ANSWER_MAX, meters, "passport.gateway.me",
                "GET " + LocalProfileAnswer.PATH), profiles);
    }

    @Bean
    KeptAnswers validationAnswers(SecurityProperties properties, RevokedSessions revoked, MeterRegistry meters) {
        return keptAnswers(properties.tokenValidation(), revoked, meters, "passport.gateway.token.validate.answers.kept");
    }

    @Bean
    KeptAnswers profileAnswers(SecurityProperties properties, RevokedSessions revoked, MeterRegistry meters) {
        return keptAnswers(properties.profileAnswers(), revoked, meters, "passport.gateway.me.answers.kept");
    }

    @Bean
    ForgetChangedAnswers forgetChangedAnswers(@Qualifier("validationAnswers") KeptAnswers validations,
            @Qualifier("profileAnswers") KeptAnswers profiles) {
        return new ForgetChangedAnswers(validations, profiles);
    }

    private static KeptAnswers keptAnswers(SecurityProperties.AnswersKept settings, RevokedSessions revoked, MeterRegistry meters,
            String gauge) {
        KeptAnswers answers = new KeptAnswers(settings.answerFor(), settings.maxMemory().toBytes(), settings.refreshAhead(), revoked,
                Clock.systemUTC());
        meters.gauge(gauge, answers, KeptAnswers::size);
        return answers;
    }

    private static Mono<AnswerKeeping.Asked> asked(ClientResponse response) {
        return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                .map(answer -> new AnswerKeeping.Asked(response.statusCode().value(),
                        response.headers().asHttpHeaders().getFirst(HttpHeaders.CONTENT_TYPE), answer));
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
