package io.passportsuite.asset.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.asset.image.ImageFormat;
import io.passportsuite.asset.image.ImageNormaliser;
import io.passportsuite.asset.image.Normalised;
import io.passportsuite.asset.storage.ObjectStore;
import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.asset.AssetUploaded;

/**
 * Turns a received upload into a stored file of the app: the type from the bytes against the app's
 * allow-list, the image re-encoded, the quota checked, the object stored under the app and the
 * digest of the re-encoded bytes (never a name the client chose), the file recorded and announced.
 * Content the app already stores is not stored twice: the new file shares the object.
 */
@Service
public class UploadingFile {

    private static final long RETRY_AFTER_BUSY_SECONDS = 5;

    private final ImageNormaliser images;
    private final AssetFiles files;
    private final ObjectStore store;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;
    private final FileUrls urls;
    // Many turns long (a turn writes one re-encoded file of at most the app's limit to storage),
    // and short enough that this wait, the wait to be decoded (asset.images.max-wait, 20 s) and the
    // work itself stay under the gateway's 60 s answer deadline for uploads: the client hears 503
    // and Retry-After, not a 504 for an upload that was stored after all.
    private final AppStoringQueue queue = new AppStoringQueue(Duration.ofSeconds(20));

    UploadingFile(ImageNormaliser images, AssetFiles files, ObjectStore store, OutboxWriter outbox,
            TransactionTemplate transaction, FileUrls urls) {
        this.images = images;
        this.files = files;
        this.store = store;
        this.outbox = outbox;
        this.transaction = transaction;
        this.urls = urls;
    }

    /** {@code received} holds the uploaded bytes, at most the app's limit as the receiver counted them. */
    public Upload upload(String appId, Path received, UploadLimits limits) {
        try {
            if (Files.size(received) > limits.maxFileBytes()) {
                return new Upload.TooLarge(limits.maxFileBytes());
            }
            ImageFormat format = ImageFormat.sniff(head(received)).orElse(null);
            if (format == null || !limits.allows(format)) {
                return new Upload.NotAllowed(format == null ? null : format.contentType());
            }
            return switch (images.normalise(received, format)) {
                case Normalised.Undecodable(String why) -> new Upload.Undecodable(why);
                case Normalised.TooManyPixels(long width, long height, long maxPixels) -> new Upload.TooManyPixels(width, height, maxPixels);
                case Normalised.TooLargeToDecode(long width, long height, long bytes, long maxBytes) ->
                        new Upload.TooLargeToDecode(width, height, maxBytes);
                case Normalised.Busy busy -> new Upload.Busy(RETRY_AFTER_BUSY_SECONDS);
                case Normalised.Image image -> storeDeleting(appId, image, limits);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Upload storeDeleting(String appId, Normalised.Image image, UploadLimits limits) throws IOException {
        try (AppStoringQueue.Turn turn = queue.turnOf(appId)) {
            if (turn == null) {
                return new Upload.Busy(RETRY_AFTER_BUSY_SECONDS);
            }
            return store(appId, image, limits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Upload.Busy(RETRY_AFTER_BUSY_SECONDS);
        } finally {
            Files.deleteIfExists(image.file());
        }
    }

    private Upload store(String appId, Normalised.Image image, UploadLimits limits) throws IOException {
        long size = Files.size(image.file());
        String sha256 = sha256(image.file());
        AssetFile file = new AssetFile(UUID.randomUUID(), appId, image.contentType(), size, image.width(), image.height(),
                sha256, appId + "/" + sha256, null);
        String url = urls.of(file.fileId());
        return transaction.execute(status -> {
            files.lockApp(appId);
            if (!files.holdsContent(appId, sha256)) {
                long stored = files.storedBytes(appId);
                if (stored + size > limits.quotaBytes()) {
                    return new Upload.QuotaExceeded(limits.quotaBytes(), stored);
                }
                // Under the app's lock: no deletion of the same content can remove it before the row is in.
                store.put(file.storageKey(), image.file(), size, file.contentType());
            }
            AssetFile recorded = files.insert(file);
            outbox.append(Topics.ASSET_EVENTS, AssetUploaded.TYPE, AssetUploaded.VERSION, appId, file.fileId().toString(),
                    new AssetUploaded(file.fileId(), url, file.contentType(), size, file.width(), file.height(), sha256));
            return new Upload.Stored(recorded, url);
        });
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(ImageFormat.SIGNATURE_LENGTH);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
