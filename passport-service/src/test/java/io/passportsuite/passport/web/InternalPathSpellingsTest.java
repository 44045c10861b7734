package io.passportsuite.passport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;

/**
 * Straight to passport, as a caller inside the network would come: every spelling of an internal
 * path that the container and Spring MVC resolve to {@code /internal/**} needs the credential.
 * Sent over a raw socket, so the path reaches the server exactly as written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class InternalPathSpellingsTest {

    private static final String CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";
    private static final List<String> SPELLINGS = List.of(
            "/internal/apps/default",
            "/internal;x/apps/default",
            "/internal;jsessionid=1/apps/default",
            "/%69nternal/apps/default",
            "/%2569nternal/apps/default",
            "/INTERNAL/apps/default",
            "//internal/apps/default",
            "/./internal/apps/default",
            "/internal/../internal/apps/default",
            "/auth/../internal/apps/default",
            "/auth/%2e%2e/internal/apps/default");

    @LocalServerPort
    private int port;

    @Test
    void shouldRequireTheCredentialForEverySpellingOfAnInternalPath() throws IOException {
        for (String path : SPELLINGS) {
            RawResponse response = get(path);
            assertThat(response.status()).as(path + " -> " + response).isIn(400, 403, 404);
            assertThat(response.text()).as(path).doesNotContain("\"app_id\":\"default\"");
        }
    }

    @Test
    void shouldStillServeTheInternalApiWithTheCredential() throws IOException {
        RawResponse response = get("/internal/apps/default", SuiteHeaders.INTERNAL_CREDENTIAL + ": " + CREDENTIAL);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text()).contains("\"app_id\":\"default\"");
    }

    @Test
    void shouldRefuseWithTheInternalApisOwnAnswer() throws IOException {
        // Without the fix these reached the controller; refused now by the credential check itself.
        for (String path : List.of("/internal;x/apps/default", "/%69nternal/apps/default")) {
            assertThat(get(path).status()).as(path).isEqualTo(403);
        }
    }

    private RawResponse get(String path, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            return new RawResponse(status, text);
        }
    }

    private record RawResponse(int status, String text) {
    }
}
