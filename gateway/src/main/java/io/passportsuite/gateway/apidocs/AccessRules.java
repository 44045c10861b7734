package io.passportsuite.gateway.apidocs;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's access rules as configured for its security filter ({@code passport.gateway.security.routes}),
 * read here from the configuration rather than from that filter: the documents state each operation's
 * security from where it is declared.
 */
@ConfigurationProperties("passport.gateway.security")
record AccessRules(@DefaultValue List<Rule> routes) {

    /** {@code access} as configured: public, api-key, user, admin, deny. */
    record Rule(String path, @DefaultValue Set<String> methods, String access, String capability) {
    }
}
