package io.passportsuite.gateway.web;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.web.server.ServerWebExchange;

import io.passportsuite.common.web.SuiteHeaders;

/**
 * The headers the gateway itself sends to a service with a routed request: the identity it
 * verified, the client's address, the request id, its credential and its trace context. They are
 * kept beside the request, as an exchange attribute, not written into it: each change of a
 * request's headers in WebFlux copies all of them and wraps the exchange once more (two changes
 * a request were 8 % of the gateway's Java samples under load), and most answers the gateway
 * gives itself, kept validations and profiles, never reach a service at all.
 *
 * <p>The one copy of a request's headers to a service drops every header the client sent under
 * one of {@link #REPLACED} names or a name set here, and then writes these: a client's identity or
 * trace headers never reach a service, whether or not a filter set the gateway's own. Filters
 * that need the verified identity read it here, never from the request.
 */
public final class ServiceBoundHeaders {

    /** Every header a tracer reads: a client's never reach a service (the gateway's span replaces them). */
    public static final List<String> TRACING_HEADERS = List.of("traceparent", "tracestate", "baggage", "b3",
            "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags");

    /** The client's headers of these names are dropped on the way to a service, always. */
    public static final Set<String> REPLACED = caseInsensitive(
            Stream.concat(SuiteHeaders.IDENTITY_HEADERS.stream(), Stream.concat(TRACING_HEADERS.stream(),
                    Stream.of(SuiteHeaders.REQUEST_ID))).toList());

    private static final String ATTRIBUTE = ServiceBoundHeaders.class.getName();

    private final LinkedCaseInsensitiveMap<String> headers = new LinkedCaseInsensitiveMap<>(16);

    public ServiceBoundHeaders() {
    }

    /** The exchange's headers for its service, created empty on first use. */
    public static ServiceBoundHeaders of(ServerWebExchange exchange) {
        return (ServiceBoundHeaders) exchange.getAttributes().computeIfAbsent(ATTRIBUTE, name -> new ServiceBoundHeaders());
    }

    /** The value the gateway sends for {@code name} (one of SuiteHeaders' names), or null. */
    public static String get(ServerWebExchange exchange, String name) {
        ServiceBoundHeaders headers = exchange.getAttribute(ATTRIBUTE);
        return headers == null ? null : headers.headers.get(name);
    }

    public void set(String name, String value) {
        headers.put(name, value);
    }

    /** Whether a client's header of this name is left out of the request to the service. */
    public boolean replaces(String name) {
        return REPLACED.contains(name) || headers.containsKey(name);
    }

    public void forEach(BiConsumer<String, String> action) {
        headers.forEach(action);
    }

    private static Set<String> caseInsensitive(List<String> names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return Collections.unmodifiableSet(set);
    }
}
