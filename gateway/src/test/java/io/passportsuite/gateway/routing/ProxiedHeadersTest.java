package io.passportsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter.Type;
import org.springframework.http.HttpHeaders;

class ProxiedHeadersTest {

    private final ProxiedHeaders rule = new ProxiedHeaders();

    @Test
    void shouldPassOnAMessageWithNothingToDropWithoutCopyingIt() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Authorization", "Bearer x");
        headers.add("X-Request-Id", "r1");

        assertThat(rule.filter(headers, null)).isSameAs(headers);
    }

    @Test
    void shouldDropHopByHopHeadersAndTheOnesConnectionNames() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Connection", "keep-alive, X-Session-Hint");
        headers.add("Keep-Alive", "timeout=5");
        headers.add("X-Session-Hint", "abc");
        headers.add("Proxy-Authorization", "Basic Zm9vOmJhcg==");
        headers.add("Upgrade", "h2c");
        headers.add("TE", "trailers");
        headers.add("Accept", "application/json");

        HttpHeaders passed = rule.filter(headers, null);

        assertThat(passed.headerNames()).containsExactly("Accept");
    }

    @Test
    void shouldDropTheClientsForwardingHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Forwarded", "for=6.6.6.6");
        headers.add("X-Forwarded-For", "6.6.6.6");
        headers.add("x-forwarded-host", "evil.example");
        headers.add("X-Forwarded-Proto", "https");
        headers.add("X-Forwardedness", "kept: not a forwarding header");

        assertThat(rule.filter(headers, null).headerNames()).containsExactly("X-Forwardedness");
    }

    @Test
    void shouldDropAContentLengthNextToChunkedEncoding() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Transfer-Encoding", "gzip, chunked");
        headers.add("Content-Length", "3");
        headers.add("Content-Type", "application/json");

        assertThat(rule.filter(headers, null).headerNames()).containsExactly("Content-Type");
    }

    @Test
    void shouldKeepTheContentLengthOfAMessageThatIsNotChunked() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Content-Length", "3");
        headers.add("Keep-Alive", "timeout=20");

        assertThat(rule.filter(headers, null).headerNames()).containsExactly("Content-Length");
    }

    @Test
    void shouldApplyToRequestsAndResponses() {
        assertThat(rule.supports(Type.REQUEST)).isTrue();
        assertThat(rule.supports(Type.RESPONSE)).isTrue();
    }
}
