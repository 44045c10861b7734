package io.passportsuite.passport.code;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.api.Http;

/** With a delivery channel (test mode off), codes never appear in any answer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "passport.codes.test-mode=false")
@RealInfrastructure
class LiveDeliveryModeTest {

    @LocalServerPort
    private int port;

    @Test
    void shouldSendWithoutRevealingTheCodeAndHaveNoDebugEndpoint() {
        Http http = new Http(port);
        Http.Response sent = http.post("/auth/send-email-verification", "{\"email\":\"live@example.com\"}");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.json().get("success").asBoolean()).isTrue();
        assertThat(sent.json().get("data").get("is_test_mode").asBoolean()).isFalse();
        assertThat(sent.body()).doesNotContain("verification_code");

        assertThat(http.post("/auth/debug-verification-code", "{\"email\":\"live@example.com\"}").status()).isEqualTo(404);
        Http.Response chat = http.post("/api/auth/email/start", "{\"email\":\"live2@example.com\"}");
        assertThat(chat.status()).isEqualTo(200);
        assertThat(chat.body()).doesNotContain("code");
    }
}
