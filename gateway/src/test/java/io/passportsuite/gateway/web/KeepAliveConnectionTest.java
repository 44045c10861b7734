package io.passportsuite.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.gateway.testing.FakeService;

/**
 * A client's keep-alive connection must keep working after answers the gateway gives itself (404,
 * 401, 429), also when the request arrived while the previous one was still being finished.
 * Reactor Netty before 1.3.8 stopped reading such a connection (reactor-netty#4361): the next
 * request on it hung until the client gave up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
class KeepAliveConnectionTest {

    @RegisterExtension
    static final FakeService passport = new FakeService();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
    }

    @Test
    void shouldKeepReadingAConnectionAfterAnAnswerItGaveItselfWhileTheRequestBeforeWasFinishing() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int round = 0; round < 20; round++) {
                // One write: a request routed to the service (answered later), then one the gateway
                // answers at once (no route: 404), queued behind the first.
                out.write((request("GET", "/.well-known/jwks.json") + request("GET", "/no-such-route"))
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(status(in)).as("round %d, routed", round).isEqualTo(200);
                assertThat(status(in)).as("round %d, no route", round).isEqualTo(404);

                out.write(request("GET", "/no-such-route").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(status(in)).as("round %d, the request after them", round).isEqualTo(404);
            }
        }
    }

    private static String request(String method, String path) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    /** Reads one response (status line, headers, a Content-Length or chunked body) and returns its status. */
    private static int status(InputStream in) throws IOException {
        String head = readUntil(in, "\r\n\r\n");
        if (head.toLowerCase().contains("\r\ntransfer-encoding: chunked")) {
            int size;
            while ((size = Integer.parseInt(readUntil(in, "\r\n").trim(), 16)) > 0) {
                in.readNBytes(size + 2);
            }
            readUntil(in, "\r\n");
        } else {
            in.readNBytes(Integer.parseInt(head.replaceAll("(?is).*\r\ncontent-length:\\s*(\\d+).*", "$1")));
        }
        return Integer.parseInt(head.substring(9, 12));
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder read = new StringBuilder();
        while (!read.toString().endsWith(end)) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed before the answer ended: " + read);
            }
            read.append((char) next);
        }
        return read.toString();
    }
}
