package io.passportsuite.asset.file;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.passportsuite.asset.storage.ObjectStore;
import io.passportsuite.common.eventing.OutboxWriter;
import io.passportsuite.common.events.Topics;
import io.passportsuite.common.events.asset.AssetDeleted;

/**
 * Deletes a file of the app: its row, then its object once no other file of the app has the same
 * content. Another app's file is not found, exactly as a file that does not exist.
 */
@Service
public class DeletingFile {

    private final AssetFiles files;
    private final ObjectStore store;
    private final OutboxWriter outbox;
    private final TransactionTemplate transaction;
    private final FileUrls urls;

    DeletingFile(AssetFiles files, ObjectStore store, OutboxWriter outbox, TransactionTemplate transaction, FileUrls urls) {
        this.files = files;
        this.store = store;
        this.outbox = outbox;
        this.transaction = transaction;
        this.urls = urls;
    }

    /** Whether the app had that file (and now has not). */
    public boolean delete(String appId, UUID fileId) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            files.lockApp(appId);
            AssetFile file = files.findInApp(appId, fileId).orElse(null);
            if (file == null) {
                return false;
            }
            files.delete(fileId);
            outbox.append(Topics.ASSET_EVENTS, AssetDeleted.TYPE, AssetDeleted.VERSION, appId, fileId.toString(),
                    new AssetDeleted(fileId, urls.of(fileId)));
            if (!files.holdsContent(appId, file.sha256())) {
                // Inside the transaction: a store that fails keeps the row, and the client may try again.
                store.delete(file.storageKey());
            }
            return true;
        }));
    }
}
