package io.passportsuite.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether any limit is applied
 * @param store where counters live: {@code memory} (one gateway) or {@code redis} (shared by every gateway)
 * @param redisKeyPrefix prefix of every counter key in Redis
 * @param memoryMaxKeys most counters the {@code memory} store holds; past it the windows closing soonest are dropped
 * @param trustedProxies CIDRs of proxies whose {@code X-Forwarded-For} is believed; empty: none is
 * @param rules the limits; a request is checked against every rule that matches it
 */
@ConfigurationProperties("passport.gateway.rate-limits")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("memory") Store store,
        @DefaultValue("passport:gateway:rate-limit:") String redisKeyPrefix,
        @DefaultValue("50000") int memoryMaxKeys,
        List<String> trustedProxies,
        List<Rule> rules) {

    enum Store { MEMORY, REDIS }

    /**
     * What a rule counts per: the client's IP address, the account named in the request body, or
     * the user whose access token the edge verified (on routes that need one; requests without
     * a verified user are not counted).
     */
    enum Key { IP, IDENTIFIER, USER }

    RateLimitProperties {
        if (memoryMaxKeys < 1) {
            throw new IllegalArgumentException("passport.gateway.rate-limits.memory-max-keys must be at least 1");
        }
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::strip).filter(cidr -> !cidr.isEmpty()).toList();
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * @param name names the rule in logs; also the counter's bucket unless {@code bucket} is set
     * @param paths path patterns ({@code /auth/login}, {@code /api/auth/**}) the rule applies to
     * @param methods HTTP methods the rule applies to
     * @param key what requests are counted per
     * @param identifierField the JSON body field naming the account, for {@code key: identifier}
     * @param bucket rules with the same bucket share counters (one account, several login endpoints)
     * @param limit how many counted requests a key may make per window
     * @param window how long a window lasts, from the first counted request in it
     * @param failuresOnly count only requests the routed service answered 401 (failed logins)
     * @param appField the JSON body field naming the app ({@code app_id}): counters are then kept per app,
     *        since the same e-mail in two apps is two accounts
     * @param appLimits limits for particular apps (by the {@code appField} value) instead of {@code limit}
     */
    record Rule(
            String name,
            List<String> paths,
            @DefaultValue("POST") List<String> methods,
            @DefaultValue("ip") Key key,
            String identifierField,
            String bucket,
            int limit,
            @DefaultValue("1m") Duration window,
            @DefaultValue("false") boolean failuresOnly,
            String appField,
            Map<String, Integer> appLimits) {

        Rule {
            // The name tags the refusals counted (passport.rate.limit.refusals{rule}).
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("every passport.gateway.rate-limits rule needs a name");
            }
            paths = paths == null ? List.of() : List.copyOf(paths);
            appLimits = appLimits == null ? Map.of() : Map.copyOf(appLimits);
            methods = List.copyOf(methods);
            if (key == Key.IDENTIFIER && (identifierField == null || identifierField.isBlank())) {
                throw new IllegalArgumentException("rate-limit rule " + name + " counts per identifier but names no identifier-field");
            }
            if (limit < 1) {
                throw new IllegalArgumentException("rate-limit rule " + name + " needs a limit of at least 1");
            }
        }

        boolean readsBody() {
            return key == Key.IDENTIFIER || (appField != null && !appField.isBlank());
        }

        String counterBucket() {
            return bucket == null || bucket.isBlank() ? name : bucket;
        }
    }
}
