package io.passportsuite.asset.storage;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default store: files on a local disk under {@code asset.storage.filesystem.root}
 * ({@code ASSET_DIR}, {@code data/assets} relative to the working directory unless set). One
 * instance only, or a shared volume: another instance cannot serve what is on this one's disk.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "asset.storage.type", havingValue = "filesystem", matchIfMissing = true)
class FilesystemStorageConfiguration {

    @Bean
    ObjectStore filesystemObjectStore(@Value("${asset.storage.filesystem.root:${ASSET_DIR:data/assets}}") Path root) {
        return new FilesystemObjectStore(root);
    }
}
