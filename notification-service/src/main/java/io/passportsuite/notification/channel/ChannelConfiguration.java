package io.passportsuite.notification.channel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

import tools.jackson.databind.json.JsonMapper;

/**
 * Email is configured when Spring Boot made a mail sender, i.e. {@code spring.mail.host} is set.
 * In production ({@code SUITE_ENVIRONMENT=production}) the service refuses to start without a
 * real channel: test mode writes codes to the log.
 */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

    static final String PRODUCTION = "production";

    @Bean
    SmsProvider smsProvider(SmsSettings settings, JsonMapper json) {
        return switch (settings.provider()) {
            case HttpSmsProvider.NAME -> new HttpSmsProvider(settings.http(), json);
            case LoggingSmsProvider.NAME -> new LoggingSmsProvider();
            default -> throw new IllegalStateException("passport.notification.sms.provider must be http or log, not " + settings.provider());
        };
    }

    @Bean
    Channels channels(ObjectProvider<JavaMailSender> mailSender, SmsProvider smsProvider,
            @Value("${passport.environment:development}") String environment) {
        JavaMailSender sender = mailSender.getIfAvailable();
        Channels channels = new Channels(sender == null ? null : new SmtpEmail(sender), smsProvider,
                PRODUCTION.equalsIgnoreCase(environment));
        channels.requireARealChannelInProduction();
        return channels;
    }
}
