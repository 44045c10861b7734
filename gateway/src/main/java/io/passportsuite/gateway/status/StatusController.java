package io.passportsuite.gateway.status;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

@RestController
class StatusController {

    private final SuiteStatusReporter reporter;

    StatusController(SuiteStatusReporter reporter) {
        this.reporter = reporter;
    }

    @GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<SuiteStatus> status() {
        return reporter.report();
    }
}
