package io.passportsuite.admin.logs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.passportsuite.common.events.Topics;

/**
 * Where the suite's log lines are kept and how much disk they may take: at most
 * {@code maxServices × maxFiles × maxFileSize} (16 × 5 × 10 MiB = 800 MiB by default).
 *
 * @param collect whether this instance reads the log topic (off only in tests that write the files themselves)
 * @param dir the directory that holds one folder per service
 * @param topic the topic the services ship their lines to
 * @param maxFileSize a service's current file is rolled before it would grow past this
 * @param maxFiles files kept per service, the current one included; the oldest is deleted on a roll
 * @param maxServices folders kept; lines of further services are dropped
 * @param replay how far back a new instance (one without positions of its own) starts reading
 * @param services the suite's services, whose lines are kept: anything that can write to the topic
 *        could otherwise take the folders ({@code maxServices}) with made-up names for good
 */
@ConfigurationProperties("admin.logs")
public record LogSettings(
        @DefaultValue("true") boolean collect,
        @DefaultValue("logs/collected") Path dir,
        @DefaultValue(Topics.LOGS) String topic,
        @DefaultValue("10MB") DataSize maxFileSize,
        @DefaultValue("5") int maxFiles,
        @DefaultValue("16") int maxServices,
        @DefaultValue("1h") Duration replay,
        @DefaultValue({"gateway", "discovery-server", "passport-service", "membership-service", "admin-service",
                "notification-service", "asset-service"}) List<String> services) {

    public LogSettings {
        if (maxFiles < 1 || maxServices < 1 || maxFileSize.toBytes() < 1024) {
            throw new IllegalArgumentException("admin.logs.max-files and max-services must be at least 1, max-file-size at least 1KB");
        }
        if (services == null || services.isEmpty()) {
            throw new IllegalArgumentException("admin.logs.services must name at least one service");
        }
        services = List.copyOf(services);
    }
}
