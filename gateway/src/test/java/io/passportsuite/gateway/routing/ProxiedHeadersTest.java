package io.passportsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter.Type;
import org.springframework.http.HttpHeaders;

class ProxiedHeadersTest {

    private final ProxiedHeaders rule = new ProxiedHeaders();

    @Test
    void shouldPassOnAMessageWithNothingToDropWithoutCopyingIt() {
        HttpHeaders headers = headers(
                "Authorization", "Bearer x",
                "X-Request-Id", "r1");

        assertThat(rule.filter(headers, null)).isSameAs(headers);
    }

    @Test
    void shouldDropHopByHopHeadersAndTheOnesConnectionNames() {
        HttpHeaders headers = headers(
                "Connection", "keep-alive, X-Session-Hint",
                "Keep-Alive", "timeout=5",
                "X-Session-Hint", "abc",
                "Proxy-Authorization", "Basic Zm9vOmJhcg==",
                "Upgrade", "h2c",
                "TE", "trailers",
                "Accept", "application/json");

        HttpHeaders passed = rule.filter(headers, null);

        assertThat(passed.headerNames()).containsExactly("Accept");
    }

    @Test
    void shouldDropTheClientsForwardingHeaders() {
        HttpHeaders headers = headers(
                "Forwarded", "for=6.6.6.6",
                "X-Forwarded-For", "6.6.6.6",
                "x-forwarded-host", "evil.example",
                "X-Forwarded-Proto", "https",
                "X-Forwardedness", "kept: not a forwarding header");

        assertThat(rule.filter(headers, null).headerNames()).containsExactly("X-Forwardedness");
    }

    @Test
    void shouldDropAContentLengthNextToChunkedEncoding() {
        HttpHeaders headers = headers(
                "Transfer-Encoding", "gzip, chunked",
                "Content-Length", "3",
                "Content-Type", "application/json");

        assertThat(rule.filter(headers, null).headerNames()).containsExactly("Content-Type");
    }

    @Test
    void shouldKeepTheContentLengthOfAMessageThatIsNotChunked() {
        HttpHeaders headers = headers(
                "Content-Length", "3",
                "Keep-Alive", "timeout=20");

        assertThat(rule.filter(headers, null).headerNames()).containsExactly("Content-Length");
    }

    @Test
    void shouldApplyToRequestsAndResponses() {
        assertThat(rule.supports(Type.REQUEST)).isTrue();
        assertThat(rule.supports(Type.RESPONSE)).isTrue();
    }

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
