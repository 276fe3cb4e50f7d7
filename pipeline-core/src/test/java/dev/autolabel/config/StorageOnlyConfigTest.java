package dev.autolabel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.storage.StorageSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage settings alone, for tools that read a run's output: no models or manifest needed. */
class StorageOnlyConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsTheStorageSectionOfAConfigThatNamesNoModels() throws Exception {
        Path file = Files.writeString(dir.resolve("s3.conf"), """
                autolabel.storage.s3 { endpoint = "http://127.0.0.1:9000", path-style = true,
                  access-key-id = "k", secret-access-key = "s" }
                """);
        StorageSettings s = ConfigLoader.storageOnly(Optional.of(file));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), s.s3().endpoint());
        assertTrue(s.s3().pathStyle());
        assertEquals(Optional.of("s"), s.s3().secretAccessKey());
    }

    @Test
    void withoutAFileTheDefaultsAndTheProviderChainApply() {
        StorageSettings s = ConfigLoader.storageOnly(Optional.empty());
        assertFalse(s.s3().pathStyle());
        assertTrue(s.s3().accessKeyId().isEmpty(), "credentials come from the default provider chain");
        assertEquals(64L << 20, s.maxObjectBytes());
    }

    @Test
    void aBadStorageValueStillStopsWithTheKeyNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.conf"), "autolabel.storage.s3.access-key-id = \"only-the-key\"\n");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> ConfigLoader.storageOnly(Optional.of(file)));
        assertTrue(e.getMessage().contains("storage.s3.access-key-id"), e.getMessage());
    }
}
