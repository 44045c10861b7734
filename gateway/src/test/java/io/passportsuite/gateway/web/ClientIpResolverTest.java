package io.passportsuite.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientIpResolverTest {

    private static MockServerHttpRequest from(String peer, String... forwardedFor) {
        return MockServerHttpRequest.get("/auth/login")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwardedFor)
                .build();
    }

    @Test
    void shouldIgnoreXForwardedForFromAPeerThatIsNotATrustedProxy() {
        ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8"));

        assertThat(resolver.resolve(from("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void shouldIgnoreXForwardedForWhenNoProxyIsTrusted() {
        ClientIpResolver resolver = new ClientIpResolver(List.of());

        assertThat(resolver.resolve(from("10.1.2.3", "203.0.113.9"))).isEqualTo("10.1.2.3");
    }

    @Test
    void shouldTakeTheClientFromXForwardedForWhenThePeerIsATrustedProxy() {
        ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8"));

        assertThat(resolver.resolve(from("10.1.2.3", "203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void shouldSkipTrustedHopsAndIgnoreWhatTheClientWroteInFrontOfItsOwnAddress() {
        ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8", "172.16.0.0/12"));

        // The client sent "1.1.1.1" itself; the first proxy appended the client's real address.
        assertThat(resolver.resolve(from("10.1.2.3", "1.1.1.1, 203.0.113.9, 172.16.5.5"))).isEqualTo("203.0.113.9");
        assertThat(resolver.resolve(from("10.1.2.3", "1.1.1.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void shouldFallBackToThePeerWhenXForwardedForIsMissingOrNotAnAddress() {
        ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8"));

        assertThat(resolver.resolve(from("10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(resolver.resolve(from("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
    }

    @Test
    void shouldMatchIpv6NetworksAndOddPrefixLengths() {
        assertThat(Cidr.parse("2001:db8::/32").contains(Cidr.literal("2001:db8:1::5"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains(Cidr.literal("2001:db9::5"))).isFalse();
        assertThat(Cidr.parse("192.168.0.0/23").contains(Cidr.literal("192.168.1.200"))).isTrue();
        assertThat(Cidr.parse("192.168.0.0/23").contains(Cidr.literal("192.168.2.1"))).isFalse();
        assertThat(Cidr.parse("127.0.0.1").contains(Cidr.literal("127.0.0.2"))).isFalse();
        assertThatThrownBy(() -> Cidr.parse("proxy.internal/8")).isInstanceOf(IllegalArgumentException.class);
    }
}
