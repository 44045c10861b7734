package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import io.passportsuite.gateway.security.RoutePolicy.Requirement;
import io.passportsuite.gateway.security.SecurityProperties.Access;
import io.passportsuite.gateway.security.SecurityProperties.RouteRule;

class RoutePolicyTest {

    private final RoutePolicy policy = new RoutePolicy(List.of(
            new RouteRule("/admin/auth/login", Set.of(HttpMethod.POST), Access.PUBLIC, null),
            new RouteRule("/admin/**", null, Access.ADMIN, null),
            new RouteRule("/auth/change-password", Set.of(HttpMethod.PUT), Access.USER, null),
            new RouteRule("/auth/**", null, Access.PUBLIC, null)));

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

    @Test
    void shouldRequireTheCapabilityOfTheRuleThatDecides() {
        RoutePolicy membership = new RoutePolicy(List.of(
                new RouteRule("/api/membership/invites", Set.of(HttpMethod.POST), Access.USER, " invite:create "),
                new RouteRule("/api/membership/**", null, Access.USER, "")));

        assertThat(membership.requirementFor(HttpMethod.POST, "/api/membership/invites"))
                .isEqualTo(new Requirement(Access.USER, "invite:create"));
        assertThat(membership.requirementFor(HttpMethod.GET, "/api/membership/invites"))
                .isEqualTo(new Requirement(Access.USER, null));
        assertThat(membership.requirementFor(HttpMethod.GET, "/api/other")).isEqualTo(Requirement.DENIED);
    }

    @Test
    void shouldRefuseACapabilityOnARouteWithoutAUser() {
        for (Access access : new Access[] {Access.PUBLIC, Access.API_KEY, Access.DENY}) {
            assertThatThrownBy(() -> new RouteRule("/auth/**", null, access, "server:create")).as(access.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
