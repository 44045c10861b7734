package io.passportsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProxiedHeadersTest {

    @Test
    void shouldPassEndToEndHeaders() {
        ProxiedHeaders rule = ProxiedHeaders.forMessage(null, null);

        assertThat(List.of("Authorization", "X-Request-Id", "Content-Length", "Accept", "X-Forwardedness"))
                .allMatch(rule::passes);
    }

    @Test
    void shouldDropHopByHopHeadersAndTheOnesConnectionNames() {
        ProxiedHeaders rule = ProxiedHeaders.forMessage(List.of("keep-alive, X-Session-Hint"), null);

        assertThat(List.of("Connection", "Keep-Alive", "x-session-hint", "Proxy-Authorization", "Proxy-Connection",
                "Upgrade", "TE", "Trailer", "Transfer-Encoding")).noneMatch(rule::passes);
        assertThat(rule.passes("Accept")).isTrue();
    }

    @Test
    void shouldDropTheClientsForwardingHeaders() {
        ProxiedHeaders rule = ProxiedHeaders.forMessage(null, null);

        assertThat(List.of("Forwarded", "X-Forwarded-For", "x-forwarded-host", "X-Forwarded-Proto"))
                .noneMatch(rule::passes);
    }

    @Test
    void shouldDropAContentLengthNextToChunkedEncoding() {
        assertThat(ProxiedHeaders.forMessage(null, List.of("gzip, chunked")).passes("Content-Length")).isFalse();
        assertThat(ProxiedHeaders.forMessage(null, List.of("gzip", "Chunked")).passes("content-length")).isFalse();
        assertThat(ProxiedHeaders.forMessage(null, List.of("gzip")).passes("Content-Length")).isTrue();
    }
}
