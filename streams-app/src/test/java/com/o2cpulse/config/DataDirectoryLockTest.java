package com.o2cpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondHolderIsRefusedInOneLineUntilTheFirstLetsGo() {
        Path dataDir = dir.resolve("o2c-data");
        try (DataDirectoryLock first = DataDirectoryLock.acquire(dataDir)) {
            assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDir))
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining("data.dir (O2C_DATA_DIR) " + dataDir.toAbsolutePath() + " is in use by another o2c-pulse process")
                    .hasMessageNotContaining("\n");
        }
        try (DataDirectoryLock again = DataDirectoryLock.acquire(dataDir)) {
            assertThat(DataDirectoryLock.lockFile(dataDir)).exists();
        }
    }

    @Test
    void wipingTheDirectoryKeepsItsLockFile() throws Exception {
        Path dataDir = dir.resolve("o2c-data");
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir)) {
            Files.createDirectories(dataDir.resolve("broker/log"));
            Files.writeString(dataDir.resolve("broker/log/segment"), "x");
            Files.writeString(dataDir.resolve("simulation.properties"), "x");

            Directories.deleteAllBut(dataDir, DataDirectoryLock.lockFile(dataDir));

            try (var left = Files.list(dataDir)) {
                assertThat(left.toList()).containsExactly(DataDirectoryLock.lockFile(dataDir));
            }
            assertThatThrownBy(() -> DataDirectoryLock.acquire(dataDir)).isInstanceOf(SettingsException.class);
        }
    }
}
