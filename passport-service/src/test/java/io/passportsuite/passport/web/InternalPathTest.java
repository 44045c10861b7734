package io.passportsuite.passport.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InternalPathTest {

    @Test
    void shouldSeeTheInternalApiBehindEverySpelling() {
        assertThat(new String[] {"/internal", "/internal/", "/internal/apps", "/internal;x/apps", "/%69nternal/apps",
                "/%2569nternal/apps", "//internal/apps", "/./internal/apps", "/internal/../internal/apps", "/a/../internal/apps",
                "/a/%2e%2e/internal/apps", "/Internal/apps", "/%zz/apps"})
                .allMatch(InternalPath::isInternal);
    }

    @Test
    void shouldLeaveOtherPathsAlone() {
        assertThat(new String[] {"/", "/auth/login", "/auth/v1/token/validate", "/internals", "/api/auth/internal",
                "/internal/../auth/login", "/.well-known/jwks.json"})
                .noneMatch(InternalPath::isInternal);
    }
}
