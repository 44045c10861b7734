package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import io.passportsuite.gateway.security.SecurityProperties.Access;
import io.passportsuite.gateway.security.SecurityProperties.RouteRule;

class RoutePolicyTest {

    private final RoutePolicy policy = new RoutePolicy(List.of(
            new RouteRule("/admin/auth/login", Set.of(HttpMethod.POST), Access.PUBLIC),
            new RouteRule("/admin/**", null, Access.ADMIN),
            new RouteRule("/auth/change-password", Set.of(HttpMethod.PUT), Access.USER),
            new RouteRule("/auth/**", null, Access.PUBLIC)));

    @Test
    void shouldLetTheFirstMatchingRuleDecide() {
        assertThat(policy.accessFor(HttpMethod.POST, "/admin/auth/login")).isEqualTo(Access.PUBLIC);
        assertThat(policy.accessFor(HttpMethod.GET, "/admin/users")).isEqualTo(Access.ADMIN);
        assertThat(policy.accessFor(HttpMethod.PUT, "/auth/change-password")).isEqualTo(Access.USER);
    }

    @Test
    void shouldSkipARuleWhoseMethodsDoNotInclude() {
        assertThat(policy.accessFor(HttpMethod.GET, "/admin/auth/login")).isEqualTo(Access.ADMIN);
        assertThat(policy.accessFor(HttpMethod.POST, "/auth/change-password")).isEqualTo(Access.PUBLIC);
    }

    @Test
    void shouldDenyWhatNoRuleMatches() {
        assertThat(policy.accessFor(HttpMethod.GET, "/internal/apps")).isEqualTo(Access.DENY);
        assertThat(policy.accessFor(HttpMethod.GET, "/authx")).isEqualTo(Access.DENY);
    }
}
