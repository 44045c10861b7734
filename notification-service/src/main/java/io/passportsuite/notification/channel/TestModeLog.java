package io.passportsuite.notification.channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where messages go when their channel is not configured. Logging the whole text, code included,
 * is the point: it is how a developer reads the code without a mail server. With a channel
 * configured nothing logs message text.
 */
final class TestModeLog {

    private static final Logger log = LoggerFactory.getLogger(TestModeLog.class);

    private TestModeLog() {
    }

    static void record(OutboundMessage message) {
        log.info("TEST MODE, not sent: to={} from=\"{}\" subject=\"{}\" text=\"{}\"", message.destination(),
                message.senderName(), message.subject(), message.text());
    }
}
