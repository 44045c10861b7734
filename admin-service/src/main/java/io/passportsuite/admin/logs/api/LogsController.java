package io.passportsuite.admin.logs.api;

import java.io.IOException;
import java.util.Optional;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.admin.audit.Actor;
import io.passportsuite.admin.logs.ArchivingLogs;
import io.passportsuite.admin.logs.ReadingRuntimeLogs;
import io.passportsuite.admin.logs.RecordingLogExport;
import io.passportsuite.admin.web.Caller;
import io.passportsuite.common.error.Envelope;
import io.passportsuite.common.error.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The back office's view of the suite's runtime logs (Pixel Game Server reference, 管理员接口 5
 * and 6). Who may call is decided before this, by the gateway and the admin surface's guard.
 */
@RestController
@RequestMapping("/admin/logs")
class LogsController {

    private final ReadingRuntimeLogs reading;
    private final ArchivingLogs archiving;
    private final RecordingLogExport recording;

    LogsController(ReadingRuntimeLogs reading, ArchivingLogs archiving, RecordingLogExport recording) {
        this.reading = reading;
        this.archiving = archiving;
        this.recording = recording;
    }

    @GetMapping("/runtime")
    ResponseEntity<Envelope<RuntimeLogsView>> runtime(@RequestParam(required = false) String lines,
            @RequestParam(required = false) String service) {
        Optional<Integer> count = lines == null ? Optional.of(ReadingRuntimeLogs.DEFAULT_LINES) : parse(lines);
        if (count.isEmpty()) {
            return refused("lines 必须是 1 到 " + ReadingRuntimeLogs.MAX_LINES + " 之间的整数");
        }
        return switch (reading.read(Optional.ofNullable(service), count.get())) {
            case ReadingRuntimeLogs.Read read -> ResponseEntity.ok(Envelope.ok(RuntimeLogsView.of(read.logs()), "运行日志获取成功"));
            case ReadingRuntimeLogs.Refused refused -> refused(refused.reason());
        };
    }

    /**
     * Streams the archive to the response as it is written: the files may be hundreds of MiB.
     * Written on the request's own thread, so no asynchronous-request timeout cuts a long download.
     * Audited before the first byte; with the trail away nothing is sent.
     */
    @GetMapping("/archive")
    ResponseEntity<Envelope<RuntimeLogsView>> archive(Caller caller, @RequestParam(required = false) String service,
            HttpServletResponse response) throws IOException {
        Optional<String> wanted = Optional.ofNullable(service);
        if (!archiving.acceptable(wanted)) {
            return refused("service 只能包含小写字母、数字和连字符(最多64个字符)");
        }
        if (!recording.record(new Actor(caller.userId(), caller.clientIp(), caller.requestId()), wanted)) {
            ErrorCode code = ErrorCode.SERVICE_UNAVAILABLE;
            return ResponseEntity.status(code.httpStatus()).body(Envelope.failure(code, "服务暂时不可用,请稍后重试"));
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/gzip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(archiving.fileName()).build().toString());
        archiving.write(wanted, response.getOutputStream());
        return null;
    }

    /**
     * Spring answers a HEAD with the GET handler, body dropped: that would build (and audit) an
     * archive nobody receives. A HEAD gets the headers only.
     */
    @RequestMapping(path = "/archive", method = RequestMethod.HEAD)
    ResponseEntity<Void> archiveHeaders(@RequestParam(required = false) String service) {
        if (!archiving.acceptable(Optional.ofNullable(service))) {
            return ResponseEntity.status(ErrorCode.ADMIN_OPERATION_FAILED.httpStatus()).build();
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/gzip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(archiving.fileName()).build().toString())
                .build();
    }

    private static Optional<Integer> parse(String lines) {
        try {
            return Optional.of(Integer.parseInt(lines.strip()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static <T> ResponseEntity<Envelope<T>> refused(String message) {
        ErrorCode code = ErrorCode.ADMIN_OPERATION_FAILED;
        return ResponseEntity.status(code.httpStatus()).body(Envelope.failure(code, message));
    }
}
