package io.passportsuite.passport.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Behind the gateway every request's peer is the gateway, so per-address limits (code sending)
 * and the addresses recorded with sessions would all name it. The gateway tells the client's
 * address in {@link SuiteHeaders#CLIENT_IP}; it is believed only with the gateway's credential,
 * so a caller reaching this port directly cannot pick the address it is counted under.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class GatewayClientAddressFilter extends OncePerRequestFilter {

    private static final int MAX_ADDRESS_LENGTH = 45;

    private final InternalCredential credential;

    GatewayClientAddressFilter(InternalCredential credential) {
        this.credential = credential;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = request.getHeader(SuiteHeaders.CLIENT_IP);
        if (client == null || client.isBlank() || client.length() > MAX_ADDRESS_LENGTH || !credential.presentedBy(request)) {
            chain.doFilter(request, response);
            return;
        }
        String address = client.strip();
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return address;
            }
        }, response);
    }
}
