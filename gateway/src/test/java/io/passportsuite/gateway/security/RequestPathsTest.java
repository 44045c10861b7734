package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestPathsTest {

    @Test
    void shouldDecodeAPlainPathAndDropATrailingSlash() {
        assertThat(RequestPaths.canonical("/api/auth/users/%E5%BC%A0")).contains("/api/auth/users/张");
        assertThat(RequestPaths.canonical("/api/auth/me/")).contains("/api/auth/me");
        assertThat(RequestPaths.canonical("/")).contains("/");
        assertThat(RequestPaths.canonical("/%69nternal/apps")).contains("/internal/apps");
    }

    @Test
    void shouldRefusePathsAServiceMightNormaliseDifferently() {
        for (String path : new String[] {"//internal", "/auth/../internal", "/auth/%2e%2e/internal", "/auth/./x",
                "/auth/v1/..%2finternal", "/auth/..%5Cinternal", "/auth\\..\\internal", "/auth/..;/internal",
                "/auth/%252e%252e/internal", "/auth/%zz", "/auth/%2", "/auth/%00", "relative"}) {
            assertThat(RequestPaths.canonical(path)).as(path).isEmpty();
        }
    }
}
