package io.passportsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.passportsuite.gateway.testing.FakeService;

/**
 * The asset route's upload bounds (its metadata, here 10,000 bytes and one second), and every
 * other route's defaults (64 KiB, and here one second): a body that is too large or sent too
 * slowly is cut off at the gateway and answered in the surface's format.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "GATEWAY_UPLOAD_MAX_BODY_BYTES=10000",
        "GATEWAY_UPLOAD_BODY_TIMEOUT_MS=1000",
        "passport.gateway.request-body.timeout=1s",
        // Keys are not what these tests are about: every path is public here.
        "passport.gateway.security.routes[0].path=/**",
        "passport.gateway.security.routes[0].access=public"})
class RequestBodyLimitsTest {

    @RegisterExtension
    static final FakeService asset = new FakeService();

    @RegisterExtension
    static final FakeService passport = new FakeService();

    /** The default limit of the routes without their own (application.yml). */
    private static final int DEFAULT_MAX_BYTES = 64 * 1024;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.asset-service[0].uri", asset::url);
        registry.add("spring.cloud.discovery.client.simple.instances.passport-service[0].uri", passport::url);
    }

    @Test
    void shouldPassABodyWithinTheBounds() {
        String body = "x".repeat(5_000);

        HttpResponse<String> response = FakeService.call(port, "POST", "/asset/v1/files/upload", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(asset.received()).singleElement().extracting(FakeService.Received::body).isEqualTo(body);
    }

    @Test
    void shouldRefuseADeclaredOversizedBodyWithoutCallingTheService() {
        HttpResponse<String> response = FakeService.call(port, "POST", "/asset/v1/files/upload", "x".repeat(20_000));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"PAYLOAD_TOO_LARGE\"");
        assertThat(asset.received()).isEmpty();
    }

    @Test
    void shouldCutOffAStreamedBodyThatGrowsPastTheLimit() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /asset/v1/files/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[8_000];
            for (int i = 0; i < 2; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();

            assertThat(answer(socket)).startsWith("HTTP/1.1 413").contains("\"error\":\"PAYLOAD_TOO_LARGE\"");
        }
    }

    @Test
    void shouldCutOffABodyThatIsStillArrivingAtTheDeadline() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /asset/v1/files/upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 1000\r\n\r\n" + "x".repeat(10)).getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // 990 bytes never come: the deadline, not the client, ends the request.
            assertThat(answer(socket)).startsWith("HTTP/1.1 408").contains("\"error\":\"REQUEST_TIMEOUT\"");
        }
    }

    @Test
    void shouldPassANormalJsonBodyOnARouteWithTheDefaults() {
        String body = "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery\",\"name\":\"Ada\"}";

        HttpResponse<String> response = FakeService.call(port, "POST", "/api/auth/register", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(passport.received()).singleElement().extracting(FakeService.Received::body).isEqualTo(body);
    }

    @Test
    void shouldPassABodyOfTheDefaultLimitExactly() {
        String body = "\"" + "x".repeat(DEFAULT_MAX_BYTES - 2) + "\"";

        HttpResponse<String> response = FakeService.call(port, "PUT", "/auth/v1/users/u-1", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(passport.received()).singleElement().extracting(FakeService.Received::body).isEqualTo(body);
    }

    @Test
    void shouldRefuseADeclaredBodyPastTheDefaultLimitOnAPublicRouteWithoutCallingTheService() {
        String body = "{\"email\":\"" + "x".repeat(DEFAULT_MAX_BYTES) + "\"}";

        HttpResponse<String> register = FakeService.call(port, "POST", "/api/auth/register", body);
        HttpResponse<String> envelope = FakeService.call(port, "POST", "/auth/register", body);

        assertThat(register.statusCode()).isEqualTo(413);
        assertThat(register.body()).contains("PAYLOAD_TOO_LARGE");
        assertThat(envelope.statusCode()).isEqualTo(413);
        assertThat(envelope.body()).contains("PAYLOAD_TOO_LARGE");
        assertThat(passport.received()).isEmpty();
    }

    @Test
    void shouldCutOffAChunkedBodyThatGrowsPastTheDefaultLimit() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /auth/v1/users/u-1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // No end chunk: a client streaming without end is cut off by the size, not by its own pace.
            byte[] chunk = new byte[40_000];
            for (int i = 0; i < 2; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();

            assertThat(answer(socket)).startsWith("HTTP/1.1 413").contains("\"error\":\"PAYLOAD_TOO_LARGE\"");
        }
        assertThat(passport.received()).isEmpty();
    }

    @Test
    void shouldCutOffAJsonBodyThatIsStillArrivingAtTheDefaultDeadline() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertThat(answer(socket)).startsWith("HTTP/1.1 408").contains("\"error\":\"REQUEST_TIMEOUT\"");
        }
        assertThat(passport.received()).isEmpty();
    }

    /** The status line and what follows, until the gateway closes or a JSON body has arrived. */
    private static String answer(Socket socket) throws IOException {
        socket.setSoTimeout(15_000);
        InputStream in = socket.getInputStream();
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            text.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            if (text.indexOf("\r\n\r\n") >= 0 && text.toString().strip().endsWith("}")) {
                break;
            }
        }
        return text.toString();
    }
}
