package io.passportsuite.passport.api.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import io.passportsuite.passport.outcome.Problem;
import io.passportsuite.passport.outcome.Reason;

class EnvelopeMessagesTest {

    @Test
    void shouldHaveAChineseTextForEveryReason() {
        assertThat(EnvelopeMessages.coversEveryReason()).isTrue();
        for (Reason reason : EnumSet.allOf(Reason.class)) {
            Object[] arguments = new Object[] {"a", "b"};
            String text = EnvelopeMessages.of(Problem.of(reason, placeholders(reason, arguments)));
            assertThat(text).as(reason.name()).isNotBlank().doesNotContain("%s");
        }
    }

    @Test
    void shouldRenderTheReferencesOwnWordsAndPutArgumentsInPlace() {
        assertThat(EnvelopeMessages.of(Problem.of(Reason.USERNAME_TAKEN))).isEqualTo("用户名已存在");
        assertThat(EnvelopeMessages.of(Problem.of(Reason.WRONG_CREDENTIALS))).isEqualTo("用户名或密码错误");
        assertThat(EnvelopeMessages.of(Problem.of(Reason.FIELD_REQUIRED, "identifier"))).isEqualTo("缺少必填字段 identifier");
        assertThat(EnvelopeMessages.of(Problem.of(Reason.PASSWORD_LENGTH, 8, 128))).isEqualTo("密码长度必须为 8-128 个字符");
        assertThat(EnvelopeMessages.of(Problem.throttled(java.time.Duration.ofMillis(1500)))).isEqualTo("请求过于频繁,请 2 秒后重试");
    }

    @Test
    void shouldKeepTheEnglishTextForTheOtherSurfaces() {
        assertThat(Problem.of(Reason.FIELD_REQUIRED, "nickname").message()).isEqualTo("nickname is required");
        assertThat(Problem.of(Reason.API_KEY_NOT_FOUND, "k1", "app1").message()).isEqualTo("no active key k1 in app app1");
        assertThat(EnvelopeMessages.of(Problem.of(Reason.API_KEY_NOT_FOUND, "k1", "app1"))).isEqualTo("应用 app1 中没有有效的 API Key k1");
    }

    /** As many arguments as the reason's English text has places for. */
    private static Object[] placeholders(Reason reason, Object[] available) {
        int places = reason.englishTemplate().split("%s", -1).length - 1;
        Object[] arguments = new Object[places];
        System.arraycopy(available, 0, arguments, 0, places);
        return arguments;
    }
}
