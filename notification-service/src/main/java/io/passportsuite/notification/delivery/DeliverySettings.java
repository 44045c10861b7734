package io.passportsuite.notification.delivery;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param backoff the wait before each retry: the first attempt is immediate, then one retry after
 *        each of these; after the last the request is parked on the dead-letter topic
 * @param pollInterval how often the worker looks for retries that came due
 * @param claimLease how long one attempt may take (keep it above the SMTP and HTTP timeouts); a
 *        delivery claimed by a process that died is tried again after it
 * @param retention how long a sent or dead delivery is kept (it holds the destination)
 * @param purgeInterval pause between purges of deliveries past their retention
 */
@ConfigurationProperties("passport.notification.delivery")
public record DeliverySettings(
        @DefaultValue({"1s", "5s", "30s", "2m", "10m"}) List<Duration> backoff,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration claimLease,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval) {

    public DeliverySettings {
        backoff = List.copyOf(backoff);
    }

    int maxAttempts() {
        return backoff.size() + 1;
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    Duration backoffAfter(int attempt) {
        return backoff.get(attempt - 1);
    }
}
