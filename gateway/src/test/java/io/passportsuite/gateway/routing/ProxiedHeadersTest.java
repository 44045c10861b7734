package io.passportsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import io.netty.handler.codec.http.DefaultHttpHeaders;

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

    @Test
    void shouldCopyARequestOnceWithoutWhatItDropsOrTheClientsHost() {
        HttpHeaders request = new HttpHeaders();
        request.add("Host", "gateway.example");
        request.add("Connection", "keep-alive, X-Session-Hint");
        request.add("X-Session-Hint", "abc");
        request.add("X-Forwarded-For", "6.6.6.6");
        request.add("Accept", "application/json");
        request.add("X-Passport-Roles", "1");
        request.add("X-Passport-Roles", "9");
        DefaultHttpHeaders outgoing = new DefaultHttpHeaders();
        outgoing.set("Host", "10.0.0.7:8081");
        outgoing.set("Accept", "*/*");

        ServiceForwardingFilter.copyRequestHeaders(request, outgoing);

        assertThat(outgoing.names()).containsExactlyInAnyOrder("Host", "Accept", "X-Passport-Roles");
        assertThat(outgoing.get("Host")).isEqualTo("10.0.0.7:8081");
        assertThat(outgoing.getAll("Accept")).containsExactly("application/json");
        assertThat(outgoing.getAll("X-Passport-Roles")).containsExactly("1", "9");
    }

    @Test
    void shouldCopyAnAnswerWithoutWhatItDrops() {
        DefaultHttpHeaders answer = new DefaultHttpHeaders();
        answer.add("Connection", "X-Upstream-Hint");
        answer.add("X-Upstream-Hint", "internal");
        answer.add("Keep-Alive", "timeout=20");
        answer.add("Transfer-Encoding", "chunked");
        answer.add("Content-Length", "3");
        answer.add("Set-Cookie", "a=1");
        answer.add("Set-Cookie", "b=2");
        HttpHeaders response = new HttpHeaders();

        Set<String> copied = ServiceForwardingFilter.copyResponseHeaders(answer, response);

        assertThat(response.headerNames()).containsExactly("Set-Cookie");
        assertThat(copied).as("the names a retry removes again").containsExactly("Set-Cookie");
        assertThat(response.get("Set-Cookie")).containsExactly("a=1", "b=2");
    }
}
