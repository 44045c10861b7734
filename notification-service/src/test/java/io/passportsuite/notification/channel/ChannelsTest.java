package io.passportsuite.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.passportsuite.common.events.notification.NotificationRequested;
import tools.jackson.databind.json.JsonMapper;

class ChannelsTest {

    private static final SmsProvider httpSms = new HttpSmsProvider(
            new SmsSettings.Http("http://127.0.0.1:9/sms", "POST", Map.of(), "{}", Duration.ofSeconds(1)), new JsonMapper());

    @Test
    void shouldRefuseProductionWithoutAnyRealChannel() {
        Channels channels = new Channels(null, new LoggingSmsProvider(), true);

        assertThatThrownBy(channels::requireARealChannelInProduction)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no delivery channel configured")
                .hasMessageContaining("SUITE_ENVIRONMENT=production")
                .hasMessageContaining("SPRING_MAIL_HOST");
    }

    @Test
    void shouldRefuseInProductionOnlyTheChannelThatIsNotConfigured() {
        Channels channels = new Channels(null, httpSms, true);

        assertThatNoException().isThrownBy(channels::requireARealChannelInProduction);
        assertThat(channels.accepts(NotificationRequested.SMS)).isTrue();
        assertThat(channels.accepts(NotificationRequested.EMAIL)).isFalse();
    }

    @Test
    void shouldNeverWriteAMessageToTheLogInProduction() {
        Channels channels = new Channels(null, httpSms, true);

        assertThatThrownBy(() -> channels.send(Channels.LOG, new OutboundMessage("a@example.test", "App", "no-reply@example.test",
                "Code", "Your code is 123456"))).isInstanceOf(SendFailed.class);
    }

    @Test
    void shouldLogMessagesOfUnconfiguredChannelsOutsideProduction() {
        Channels channels = new Channels(null, new LoggingSmsProvider(), false);

        assertThatNoException().isThrownBy(channels::requireARealChannelInProduction);
        assertThat(channels.accepts(NotificationRequested.EMAIL)).isTrue();
        assertThat(channels.deliveryChannel(NotificationRequested.EMAIL)).isEqualTo(Channels.LOG);
    }
}
