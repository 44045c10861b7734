package io.passportsuite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.passportsuite.gateway.web.ServiceBoundHeaders;

/** The header copies of the routing filter; what reaches a real service is in HeaderForwardingTest. */
class ServiceForwardingFilterTest {

    @Test
    void shouldCopyARequestOnceWithoutWhatItDropsOrTheClientsHost() {
        HttpHeaders request = new HttpHeaders();
        add(request::add,
                "Host", "gateway.example",
                "Connection", "keep-alive, X-Session-Hint",
                "X-Session-Hint", "abc",
                "X-Forwarded-For", "6.6.6.6",
                "Accept", "application/json",
                "X-Passport-Roles", "1",
                "X-Passport-Roles", "9");
        DefaultHttpHeaders outgoing = new DefaultHttpHeaders();
        add(outgoing::set, "Host", "10.0.0.7:8081", "Accept", "*/*");

        ServiceForwardingFilter.copyRequestHeaders(request, new ServiceBoundHeaders(), outgoing);

        assertThat(outgoing.names()).containsExactlyInAnyOrder("Host", "Accept", "X-Passport-Roles");
        assertThat(outgoing.get("Host")).as("the instance's address, set by Reactor Netty").isEqualTo("10.0.0.7:8081");
        assertThat(outgoing.getAll("Accept")).containsExactly("application/json");
        assertThat(outgoing.getAll("X-Passport-Roles")).containsExactly("1", "9");
    }

    @Test
    void shouldReplaceTheClientsIdentityRequestIdAndTraceHeadersWithTheGatewaysOwn() {
        HttpHeaders request = new HttpHeaders();
        add(request::add,
                "x-passport-user-id", "spoofed-user",
                "X-Passport-App-Id", "other-app",
                "X-Passport-Internal-Credential", "guessed",
                "X-Passport-Client-Ip", "6.6.6.6",
                "X-Request-Id", "client-chosen",
                "Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "Baggage", "tenant=other",
                "Accept", "application/json");
        ServiceBoundHeaders gateway = new ServiceBoundHeaders();
        gateway.set("X-Passport-User-Id", "verified-user");
        gateway.set("X-Request-Id", "gateway-chosen");
        gateway.set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
        DefaultHttpHeaders outgoing = new DefaultHttpHeaders();

        ServiceForwardingFilter.copyRequestHeaders(request, gateway, outgoing);

        assertThat(outgoing.names()).as("nothing of the client's under a name the gateway answers for")
                .containsExactlyInAnyOrder("Accept", "X-Passport-User-Id", "X-Request-Id", "traceparent");
        assertThat(outgoing.getAll("X-Passport-User-Id")).containsExactly("verified-user");
        assertThat(outgoing.getAll("X-Request-Id")).containsExactly("gateway-chosen");
        assertThat(outgoing.getAll("traceparent")).containsExactly("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    }

    @Test
    void shouldCopyAnAnswerWithoutWhatItDropsAndSayWhichNamesItCopied() {
        DefaultHttpHeaders answer = new DefaultHttpHeaders();
        add(answer::add,
                "Connection", "X-Upstream-Hint",
                "X-Upstream-Hint", "internal",
                "Keep-Alive", "timeout=20",
                "Transfer-Encoding", "chunked",
                "Content-Length", "3",
                "Set-Cookie", "a=1",
                "Set-Cookie", "b=2");
        HttpHeaders response = new HttpHeaders();

        Set<String> copied = ServiceForwardingFilter.copyResponseHeaders(answer, response);

        assertThat(response.headerNames()).containsExactly("Set-Cookie");
        assertThat(response.get("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(copied).as("the names a retry removes again").containsExactly("Set-Cookie");
    }

    private static void add(BiConsumer<String, String> headers, String... namesAndValues) {
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            headers.accept(namesAndValues[i], namesAndValues[i + 1]);
        }
    }
}
