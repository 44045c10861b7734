package io.passportsuite.asset.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.passportsuite.asset.file.AppLimits;
import io.passportsuite.asset.file.AssetFile;
import io.passportsuite.asset.file.DeletingFile;
import io.passportsuite.asset.file.ServingFile;
import io.passportsuite.asset.file.Upload;
import io.passportsuite.asset.file.UploadLimits;
import io.passportsuite.asset.file.UploadingFile;
import io.passportsuite.asset.storage.ObjectStore;
import io.passportsuite.asset.web.ErrorAnswers;
import io.passportsuite.common.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The Asset Service of the AtSeeker reference: an app's backend uploads with its API key, anyone
 * fetches a file by its URL, the app deletes its own files.
 */
@RestController
@RequestMapping("/asset/v1/files")
class FilesController {

    /** The canonical spelling only: any other text is no file id, and answered as an unknown one. */
    private static final Pattern FILE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final AppLimits limits;
    private final ReceivingUpload receiving;
    private final UploadingFile uploading;
    private final ServingFile serving;
    private final DeletingFile deleting;

    FilesController(AppLimits limits, ReceivingUpload receiving, UploadingFile uploading, ServingFile serving, DeletingFile deleting) {
        this.limits = limits;
        this.receiving = receiving;
        this.uploading = uploading;
        this.serving = serving;
        this.deleting = deleting;
    }

    @PostMapping("/upload")
    ResponseEntity<Object> upload(HttpServletRequest request) throws IOException {
        String appId = CallingApp.of(request);
        UploadLimits appLimits = limits.of(appId);
        Path received = receiving.receive(request, appLimits.maxFileBytes());
        try {
            return switch (uploading.upload(appId, received, appLimits)) {
                case Upload.Stored(AssetFile file, String url) -> ResponseEntity.status(HttpStatus.CREATED).body(FileView.of(file, url));
                case Upload.TooLarge(long max) -> ErrorAnswers.of(ErrorCode.PAYLOAD_TOO_LARGE,
                        "The file is larger than this app's limit of " + max + " bytes");
                case Upload.NotAllowed(String detected) -> ErrorAnswers.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, detected == null
                        ? "The file is not an image of a type this app accepts"
                        : detected + " is not a type this app accepts");
                case Upload.Undecodable(String why) -> ErrorAnswers.of(ErrorCode.INVALID_IMAGE, "The image cannot be decoded");
                case Upload.TooManyPixels(long width, long height, long max) -> ErrorAnswers.of(ErrorCode.IMAGE_DIMENSIONS_EXCEEDED,
                        "The image is " + width + " x " + height + " pixels; at most " + max + " pixels are accepted");
                case Upload.TooLargeToDecode(long width, long height, long max) -> ErrorAnswers.of(ErrorCode.IMAGE_DIMENSIONS_EXCEEDED,
                        "The image is " + width + " x " + height + " pixels of samples too deep to decode at that size (more than "
                                + max + " bytes)");
                case Upload.QuotaExceeded(long quota, long stored) -> ErrorAnswers.of(ErrorCode.STORAGE_QUOTA_EXCEEDED,
                        "This app's files would exceed its storage quota of " + quota + " bytes (" + stored + " in use)");
                case Upload.Busy(long retryAfter) -> ErrorAnswers.busy(retryAfter);
            };
        } finally {
            Files.deleteIfExists(received);
        }
    }

    /** Public: no key; the id alone names the file. */
    @GetMapping("/{fileId}")
    ResponseEntity<?> serve(@PathVariable String fileId, @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Optional<AssetFile> found = FILE_ID.matcher(fileId).matches() ? serving.find(UUID.fromString(fileId)) : Optional.empty();
        AssetFile file = found.orElse(null);
        if (file == null) {
            return unknownFile();
        }
        String etag = "\"" + file.sha256() + "\"";
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER).build();
        }
        ObjectStore.StoredObject object = serving.open(file).orElse(null);
        if (object == null) {
            return unknownFile();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(object.size())
                .eTag(etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                // Served bytes are an image and nothing else: no sniffing, no script, no plug-in, even opened directly.
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(new InputStreamResource(object.content()));
    }

    @DeleteMapping("/{fileId}")
    ResponseEntity<Object> delete(HttpServletRequest request, @PathVariable String fileId) {
        String appId = CallingApp.of(request);
        if (!FILE_ID.matcher(fileId).matches() || !deleting.delete(appId, UUID.fromString(fileId))) {
            return unknownFile();
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Object> unknownFile() {
        return ErrorAnswers.of(ErrorCode.NOT_FOUND, "No such file");
    }

    /** {@code If-None-Match}: {@code *}, or a list of tags, weak ones compared by their value. */
    private static boolean matches(String ifNoneMatch, String etag) {
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
