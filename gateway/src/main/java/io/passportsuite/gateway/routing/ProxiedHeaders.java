package io.passportsuite.gateway.routing;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpHeaders;

/**
 * Which headers of one message cross the gateway, in either direction.
 *
 * <p>Dropped: the hop-by-hop headers (RFC 9110 section 7.6.1) and any header the
 * {@code Connection} header names, since they describe one connection and the gateway opens
 * another; a {@code Content-Length} next to chunked encoding, which would let the two sides
 * disagree on where a message ends (RFC 9112 section 6.3); and the client's own
 * {@code Forwarded} and {@code X-Forwarded-*}, which a client may write freely: services learn the
 * client's address from the gateway's {@code X-Passport-Client-Ip} instead. {@code Upgrade} goes
 * with the hop-by-hop headers: no route proxies WebSockets or HTTP/2 upgrades; one that does would
 * need its own rule.
 *
 * <p>Built once per message from its {@code Connection} and {@code Transfer-Encoding} values, then
 * asked about each name while {@link ServiceForwardingFilter} copies the headers across, so a
 * message is copied once and nothing is copied to be filtered.
 */
final class ProxiedHeaders {

    // Compared ignoring case without lower-casing a copy of every name: this runs for every header
    // of every request and answer through the gateway.
    private static final Set<String> HOP_BY_HOP = Collections.unmodifiableSet(caseInsensitive(List.of("connection",
            "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
            "proxy-authenticate")));
    private static final String X_FORWARDED = "x-forwarded-";

    private final Set<String> connectionOptions;
    private final boolean chunked;

    private ProxiedHeaders(Set<String> connectionOptions, boolean chunked) {
        this.connectionOptions = connectionOptions;
        this.chunked = chunked;
    }

    /**
     * The rule for one message, from the values of its {@code Connection} and
     * {@code Transfer-Encoding} headers (each possibly a comma-separated list, null when absent).
     */
    static ProxiedHeaders forMessage(List<String> connection, List<String> transferEncoding) {
        Set<String> options = caseInsensitive(tokens(connection));
        boolean chunked = tokens(transferEncoding).stream().anyMatch(coding -> coding.equalsIgnoreCase("chunked"));
        return new ProxiedHeaders(options, chunked);
    }

    boolean passes(String name) {
        return !(HOP_BY_HOP.contains(name)
                || connectionOptions.contains(name)
                || name.equalsIgnoreCase("forwarded")
                || name.regionMatches(true, 0, X_FORWARDED, 0, X_FORWARDED.length())
                || chunked && name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH));
    }

    // Both headers are lists of tokens (RFC 9110 sections 7.6.1 and 6.1 of RFC 9112), which cannot
    // contain a comma; the Netty headers of a service's answer come unsplit.
    private static List<String> tokens(List<String> values) {
        // Most messages carry neither header: no stream, no set for them.
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        return values.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(token -> !token.isEmpty())
                .toList();
    }

    private static Set<String> caseInsensitive(List<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return set;
    }
}
