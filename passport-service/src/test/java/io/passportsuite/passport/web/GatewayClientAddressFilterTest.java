package io.passportsuite.passport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.passportsuite.common.web.SuiteHeaders;
import jakarta.servlet.FilterChain;

class GatewayClientAddressFilterTest {

    private final GatewayClientAddressFilter filter = new GatewayClientAddressFilter(new InternalCredential("s3cret"));

    @Test
    void theGatewaysWordOnTheClientAddressIsTakenWithItsCredential() throws Exception {
        MockHttpServletRequest request = fromGateway();
        request.addHeader(SuiteHeaders.INTERNAL_CREDENTIAL, "s3cret");

        assertThat(addressSeenBehind(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void aDirectCallerCannotChooseTheAddressItIsCountedUnder() throws Exception {
        MockHttpServletRequest withoutCredential = fromGateway();
        MockHttpServletRequest wrongCredential = fromGateway();
        wrongCredential.addHeader(SuiteHeaders.INTERNAL_CREDENTIAL, "guess");

        assertThat(addressSeenBehind(withoutCredential)).isEqualTo("10.0.0.5");
        assertThat(addressSeenBehind(wrongCredential)).isEqualTo("10.0.0.5");
    }

    @Test
    void anOverlongAddressIsIgnored() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/email/start");
        request.setRemoteAddr("10.0.0.5");
        request.addHeader(SuiteHeaders.INTERNAL_CREDENTIAL, "s3cret");
        request.addHeader(SuiteHeaders.CLIENT_IP, "1".repeat(100));

        assertThat(addressSeenBehind(request)).isEqualTo("10.0.0.5");
    }

    private static MockHttpServletRequest fromGateway() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/email/start");
        request.setRemoteAddr("10.0.0.5");
        request.addHeader(SuiteHeaders.CLIENT_IP, "203.0.113.7");
        return request;
    }

    private String addressSeenBehind(MockHttpServletRequest request) throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        FilterChain chain = (req, res) -> seen.set(ClientInfos.of((jakarta.servlet.http.HttpServletRequest) req).ip());
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return seen.get();
    }
}
