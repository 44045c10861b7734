package io.passportsuite.notification.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.passportsuite.common.events.notification.NotificationRequested;

class MessageTemplatesTest {

    private final MessageTemplates templates = new MessageTemplates();

    @Test
    void shouldRenderTheChineseEmailWithCodeAndAppName() {
        RenderedMessage message = templates.render(NotificationRequested.VERIFICATION_CODE, NotificationRequested.EMAIL, "zh-CN",
                Map.of("code", "482913", "expiresInMinutes", "10", "appName", "云笔记"));

        assertThat(message.subject()).isEqualTo("【云笔记】验证码");
        assertThat(message.text()).contains("482913").contains("10 分钟").doesNotContain("{{");
    }

    @Test
    void shouldRenderAnSmsWithoutSubject() {
        RenderedMessage message = templates.render(NotificationRequested.PASSWORD_RESET, NotificationRequested.SMS, "en",
                Map.of("code", "1234", "expiresInMinutes", "5", "appName", "Notes"));

        assertThat(message.subject()).isNull();
        assertThat(message.text()).isEqualTo("[Notes] Your password reset code is 1234, valid for 5 minutes.");
    }

    @Test
    void shouldRenderAMissingVariableEmptyRatherThanFail() {
        RenderedMessage message = templates.render(NotificationRequested.WELCOME, NotificationRequested.SMS, "en",
                Map.of("appName", "Notes"));

        assertThat(message.text()).isEqualTo("[Notes] Welcome, ! Your account is ready.");
    }

    @Test
    void shouldRenderEveryTemplateInEveryLocaleOnEveryChannel() {
        for (String template : new String[] {NotificationRequested.VERIFICATION_CODE, NotificationRequested.PASSWORD_RESET,
                NotificationRequested.EMAIL_VERIFIED, NotificationRequested.WELCOME}) {
            for (String locale : new String[] {"en", "zh-CN"}) {
                RenderedMessage email = templates.render(template, NotificationRequested.EMAIL, locale, Map.of("appName", "X"));
                RenderedMessage sms = templates.render(template, NotificationRequested.SMS, locale, Map.of("appName", "X"));
                assertThat(email.subject()).as(template + " " + locale).isNotBlank();
                assertThat(email.text()).as(template + " " + locale).isNotBlank().doesNotContain("{{");
                assertThat(sms.text()).as(template + " " + locale).contains("X").doesNotContain("{{");
            }
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"zh-CN,zh-CN", "zh_CN,zh-CN", "zh,zh-CN", "zh-Hans-CN,zh-CN", "en,en", "fr,en",
            "en-US,en", "null,en"})
    void shouldFallBackToEnglishForAnyLocaleButChinese(String requested, String expected) {
        assertThat(MessageTemplates.supportedLocale(requested)).isEqualTo(expected);
    }

    @Test
    void shouldRefuseAnUnknownTemplate() {
        assertThat(templates.knows("invoice")).isFalse();
        assertThat(templates.knows(null)).isFalse();
        assertThatThrownBy(() -> templates.render("invoice", NotificationRequested.EMAIL, "en", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
