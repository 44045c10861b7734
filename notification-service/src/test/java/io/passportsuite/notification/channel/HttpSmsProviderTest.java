package io.passportsuite.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

class HttpSmsProviderTest {

    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer gateway;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/send", exchange -> {
            received.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void shouldFormEncodeTheValuesForAFormBody() {
        provider("PUT", Map.of("Content-Type", "application/x-www-form-urlencoded"), "phone={{to}}&msg={{text}}")
                .send("+15550100", "code 12&34");

        assertThat(received.get()).isEqualTo("PUT /send phone=%2B15550100&msg=code+12%2634");
    }

    @Test
    void shouldSendJsonWhenOnlyAnApiKeyHeaderIsConfigured() {
        provider("POST", Map.of("X-Api-Key", "k"), "{\"to\":\"{{to}}\",\"text\":\"{{text}}\"}").send("+15550100", "say \"hi\"");

        assertThat(received.get()).isEqualTo("POST /send {\"to\":\"+15550100\",\"text\":\"say \\\"hi\\\"\"}");
    }

    @Test
    void shouldFailOnAStatusOutside2xxWithoutEchoingTheBody() {
        status.set(503);

        assertThatThrownBy(() -> provider("POST", Map.of("Content-Type", "application/json"), "{\"to\":\"{{to}}\",\"text\":\"{{text}}\"}")
                .send("+15550100", "code 123456"))
                .isInstanceOf(SendFailed.class)
                .hasMessage("SMS provider answered HTTP 503");
    }

    @Test
    void shouldFailWhenTheProviderIsUnreachable() {
        gateway.stop(0);

        assertThatThrownBy(() -> provider("POST", Map.of("Content-Type", "text/plain"), "{{text}}").send("+15550100", "hi"))
                .isInstanceOf(SendFailed.class)
                .hasMessageStartingWith("SMS provider unreachable");
    }

    private HttpSmsProvider provider(String method, Map<String, String> headers, String body) {
        String url = "http://127.0.0.1:" + gateway.getAddress().getPort() + "/send";
        return new HttpSmsProvider(new SmsSettings.Http(url, method, headers, body, Duration.ofSeconds(2)), new JsonMapper());
    }
}
