package io.passportsuite.common.logging;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

/**
 * The Kafka appender on the root logger for as long as the application context lives: attached
 * when the context creates this, stopped (queued lines flushed, for a bounded time) and detached
 * when it closes.
 */
public final class LogShipping implements AutoCloseable {

    private final LoggerContext loggerContext;
    private final KafkaLogAppender appender;

    LogShipping(LoggerContext loggerContext, KafkaLogAppender appender) {
        this.loggerContext = loggerContext;
        this.appender = appender;
    }

    /**
     * The appender for the logger context Boot configured, lines encoded as the service's log
     * file is ({@code logging.structured.format.file}); none when SLF4J is not bound to Logback.
     */
    static LogShipping attach(Environment environment, String bootstrapServers, Map<String, Object> producerConfig,
            LogShippingProperties settings) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new LogShipping(null, null);
        }
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setFormat(format(environment));
        if (context.getObject(Environment.class.getName()) == null) {
            // Boot's logging system puts it there; outside Boot (tests) the encoder still needs one.
            context.putObject(Environment.class.getName(), environment);
        }
        encoder.start();
        String service = environment.getProperty("spring.application.name", "application");
        // The file's and the console's formatters, and the encoder's, are made from this one.
        Environment formatters = (Environment) context.getObject(Environment.class.getName());
        KafkaLogAppender appender = new KafkaLogAppender(encoder,
                EcsLogFormatter.class.getName().equals(format(environment)) ? formatters : null,
                service, bootstrapServers, producerConfig, settings);
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return new LogShipping(context, appender);
    }

    private static String format(Environment environment) {
        String file = environment.getProperty("logging.structured.format.file", "");
        if (!file.isBlank()) {
            return file;
        }
        String console = environment.getProperty("logging.structured.format.console", "");
        return console.isBlank() ? EcsLogFormatter.class.getName() : console;
    }

    /** Lines not shipped so far: dropped on a full queue or refused by the broker. */
    public long dropped() {
        return appender == null ? 0 : appender.dropped();
    }

    /** Lines the broker acknowledged so far. */
    public long shipped() {
        return appender == null ? 0 : appender.shipped();
    }

    boolean sending() {
        return appender != null && appender.sending();
    }

    @Override
    public void close() {
        if (appender == null) {
            return;
        }
        loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }
}
