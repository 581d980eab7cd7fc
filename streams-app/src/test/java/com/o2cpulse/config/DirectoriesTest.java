package com.o2cpulse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path folder;

    @Test
    void describesWhatADirectoryHoldsByEntryThenFilesAndBytesInAll() throws IOException {
        Path data = folder.resolve("o2c-data");
        Files.createDirectories(data.resolve("streams/0_1"));
        Files.write(data.resolve("streams/0_1/000001.sst"), new byte[1_500_000]);
        Files.write(data.resolve("schemas.jsonl"), new byte[500_000]);

        assertThat(Directories.describe(data)).isEqualTo("schemas.jsonl, streams (2 files, 2.0 MB)");
    }

    @Test
    void describesAMissingOrEmptyDirectoryAsNothing() throws IOException {
        Files.createDirectories(folder.resolve("empty"));

        assertThat(Directories.describe(folder.resolve("missing"))).isEqualTo("nothing");
        assertThat(Directories.describe(folder.resolve("empty"))).isEqualTo("nothing");
    }
}
