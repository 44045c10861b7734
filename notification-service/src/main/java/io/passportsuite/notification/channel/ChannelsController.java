package io.passportsuite.notification.channel;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets passport tell whether a code really leaves the suite or only reaches the log (test mode). */
@RestController
class ChannelsController {

    private final Channels channels;

    ChannelsController(Channels channels) {
        this.channels = channels;
    }

    @GetMapping("/internal/channels")
    Map<String, String> channels() {
        return channels.describe();
    }
}
