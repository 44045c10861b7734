package io.passportsuite.gateway.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address a request came from. {@code X-Forwarded-For} is believed only when the direct peer
 * is a trusted proxy; then the right-most address that is not itself a trusted proxy is the
 * client, since a client may put anything in the left part of the header.
 */
public final class ClientIpResolver {

    private final List<Cidr> trustedProxies;

    public ClientIpResolver(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(Cidr::parse).toList();
    }

    public String resolve(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        String peerAddress = peer == null ? "unknown" : peer.getHostAddress();
        if (peer == null || !isTrusted(peer)) {
            return peerAddress;
        }
        List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
        String client = peerAddress;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            InetAddress hop = Cidr.literal(forwarded.get(i).strip());
            if (hop == null) {
                break;
            }
            client = hop.getHostAddress();
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(cidr -> cidr.contains(address));
    }
}
