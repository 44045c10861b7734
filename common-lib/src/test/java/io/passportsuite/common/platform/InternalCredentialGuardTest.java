package io.passportsuite.common.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class InternalCredentialGuardTest {

    private static final String RANDOM = "q7Vd2LmX9pR4sT8wYz1BcN6hJk3FgE5a0UoPiQ==";

    private static void check(MockEnvironment environment) {
        new InternalCredentialGuard().postProcessEnvironment(environment, null);
    }

    @Test
    void shouldRefuseAnExampleCredentialOutsideTheLocalProfile() {
        for (String example : new String[] {"change-me", "CHANGE-ME", "local-internal-credential",
                "replace-me-with-a-long-random-value-0123456789"}) {
            assertThatThrownBy(() -> check(new MockEnvironment().withProperty("passport.internal.credential", example)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("passport.internal.credential (SUITE_INTERNAL_CREDENTIAL) is an example value")
                    .hasMessageNotContaining(example);
        }
    }

    @Test
    void shouldRefuseAShortCredentialOnTheGatewayToo() {
        assertThatThrownBy(() -> check(new MockEnvironment()
                .withProperty("passport.gateway.security.internal-credential", "Zx81-short-but-random")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("passport.gateway.security.internal-credential")
                .hasMessageContaining("shorter than 32 characters");
    }

    @Test
    void shouldRefuseALongCredentialOfFewCharacters() {
        assertThatThrownBy(() -> check(new MockEnvironment().withProperty("passport.internal.credential", "ab".repeat(20))))
                .hasMessageContaining("too few characters");
    }

    @Test
    void shouldAcceptARandomCredentialAndAnUnsetOne() {
        assertThatCode(() -> check(new MockEnvironment().withProperty("passport.internal.credential", RANDOM)
                .withProperty("passport.gateway.security.internal-credential", RANDOM))).doesNotThrowAnyException();
        assertThatCode(() -> check(new MockEnvironment().withProperty("passport.internal.credential", "")))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldLeaveTheLocalProfileItsFixedCredential() {
        MockEnvironment local = new MockEnvironment().withProperty("passport.internal.credential", "local-internal-credential");
        local.setActiveProfiles("local");

        assertThatCode(() -> check(local)).doesNotThrowAnyException();
    }
}
