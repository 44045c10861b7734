package io.passportsuite.common.platform;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a process whose internal credential ({@code SUITE_INTERNAL_CREDENTIAL}) is set
 * but guessable, outside the local profile: whoever knows it reaches every service's internal API.
 * An unset credential is allowed, since it closes the internal API instead of opening it.
 */
public class InternalCredentialGuard implements EnvironmentPostProcessor, Ordered {

    /** The properties that carry the credential in the suite's processes. */
    static final Set<String> PROPERTIES = Set.of("passport.internal.credential", "passport.gateway.security.internal-credential");

    static final int MIN_LENGTH = 32;

    /** Values from examples and test set-ups; a real deployment generates its own. */
    private static final Set<String> EXAMPLES = Set.of("change-me", "changeme", "change_me", "replace-me", "secret", "password",
            "internal-credential", "local-internal-credential", "test-internal-credential", "e2e-internal-credential");
    private static final Set<String> EXAMPLE_PARTS = Set.of("change-me", "changeme", "change_me", "replace-me", "example",
            "local-internal-credential");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles("local")) {
            return;
        }
        for (String property : PROPERTIES.stream().sorted().toList()) {
            String credential = environment.getProperty(property, "");
            weakness(credential).ifPresent(weakness -> {
                throw new IllegalStateException(property + " (SUITE_INTERNAL_CREDENTIAL) " + weakness
                        + ". Outside the local profile it must be a random secret of at least " + MIN_LENGTH
                        + " characters, the same in every service, e.g. from `openssl rand -base64 32`.");
            });
        }
    }

    /** Why a configured credential is too weak; empty when it is unset or strong enough. */
    static Optional<String> weakness(String credential) {
        if (credential == null || credential.isBlank()) {
            return Optional.empty();
        }
        String lower = credential.strip().toLowerCase(Locale.ROOT);
        if (EXAMPLES.contains(lower) || EXAMPLE_PARTS.stream().anyMatch(lower::contains)) {
            return Optional.of("is an example value");
        }
        if (credential.length() < MIN_LENGTH) {
            return Optional.of("is shorter than " + MIN_LENGTH + " characters");
        }
        if (credential.chars().distinct().count() < 8) {
            return Optional.of("repeats too few characters to be random");
        }
        return Optional.empty();
    }

    @Override
    public int getOrder() {
        // After the configuration files and profiles are in place.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
