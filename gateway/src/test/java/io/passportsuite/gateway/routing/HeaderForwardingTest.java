package io.passportsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.gateway.testing.FakeService;
import io.passportsuite.gateway.testing.FakeService.Answer;

/**
 * What crosses the gateway between a client and a service. Plain sockets: the JDK's HTTP client
 * refuses to send the connection-level headers under test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "passport.gateway.security.routes[0].path=/**",
        "passport.gateway.security.routes[0].access=public"})
class HeaderForwardingTest {

    @RegisterExtension
    static final FakeService passport = new FakeService();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
    }

    @Test
    void shouldPassOnEndToEndHeadersOnlyToTheService() throws IOException {
        String response = exchange("""
                GET /api/auth/me HTTP/1.1\r
                Host: gateway.example\r
                Connection: close, X-Session-Hint\r
                X-Session-Hint: abc\r
                Keep-Alive: timeout=5\r
                Proxy-Authorization: Basic Zm9vOmJhcg==\r
                Forwarded: for=6.6.6.6;proto=https\r
                X-Forwarded-For: 6.6.6.6\r
                X-Forwarded-Host: evil.example\r
                Accept: application/json\r
                X-Trace-Note: kept\r
                \r
                """);

        assertThat(response).startsWith("HTTP/1.1 200");
        FakeService.Received received = passport.received().getFirst();
        assertThat(received.header("Accept")).isEqualTo("application/json");
        assertThat(received.header("X-Trace-Note")).isEqualTo("kept");
        for (String dropped : new String[] {"X-Session-Hint", "Keep-Alive", "Proxy-Authorization", "Forwarded",
                "X-Forwarded-For", "X-Forwarded-Host"}) {
            assertThat(received.header(dropped)).as(dropped).isNull();
        }
    }

    @Test
    void shouldNotPassOnTheServicesConnectionHeadersToTheClient() throws IOException {
        passport.answer(request -> new Answer(200, "{\"ok\":true}", Duration.ZERO,
                Map.of("Keep-Alive", "timeout=20", "X-Upstream-Hint", "internal", "Connection", "X-Upstream-Hint",
                        "X-Kept", "yes")));

        String response = exchange("""
                GET /api/auth/me HTTP/1.1\r
                Host: gateway.example\r
                Connection: close\r
                \r
                """).toLowerCase();

        assertThat(response).startsWith("http/1.1 200").contains("\r\nx-kept: yes\r\n").endsWith("{\"ok\":true}");
        assertThat(response).doesNotContain("keep-alive: timeout=20").doesNotContain("x-upstream-hint");
    }

    @Test
    void shouldPassOnAChunkedBodyOfAGetFramedAsOneRequest() throws IOException {
        String response = exchange("""
                GET /api/auth/me HTTP/1.1\r
                Host: gateway.example\r
                Connection: close\r
                Transfer-Encoding: chunked\r
                \r
                5\r
                hello\r
                0\r
                \r
                """);

        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(passport.received()).as("the body is not read as a request of its own").hasSize(1);
        assertThat(passport.received().getFirst().body()).isEqualTo("hello");
    }

    /** Sends one request that asks the gateway to close the connection, and reads the whole answer. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
