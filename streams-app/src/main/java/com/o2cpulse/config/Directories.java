package com.o2cpulse.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Sizes and removal of data and state directories. */
public final class Directories {

    private Directories() {
    }

    /** Bytes of the regular files under the directory; 0 when it does not exist. */
    public static long bytes(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(Directories::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
    }

    /**
     * What a directory holds, for a person about to lose it: its entries by name, then how many files and bytes in
     * all, e.g. {@code broker, schemas.jsonl, streams (1,204 files, 38.2 MB)}; "nothing" when it is empty or missing.
     */
    public static String describe(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "nothing";
        }
        List<String> entries;
        long files;
        try (Stream<Path> top = Files.list(dir); Stream<Path> all = Files.walk(dir)) {
            entries = top.map(path -> path.getFileName().toString()).sorted().toList();
            files = all.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (entries.isEmpty()) {
            return "nothing";
        }
        return String.format(Locale.ROOT, "%s (%,d files, %.1f MB)", String.join(", ", entries), files, bytes(dir) / 1e6);
    }

    /**
     * Creates the directory if needed and writes a probe file into it: a directory that cannot be created, is not
     * writable or sits on a full disk fails here, in one line naming the setting, rather than deep in Kafka Streams.
     */
    public static void requireWritable(Path dir, Setting setting) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".o2c-write-probe", "");
            try {
                Files.write(probe, new byte[4096]);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            String reason = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "a file is in the way" : e.getMessage();
            throw new SettingsException("cannot write to " + setting.key() + " (" + setting.environmentVariable() + ") "
                    + dir.toAbsolutePath() + ": " + reason);
        }
    }

    public static void delete(Path dir) {
        deleteAllBut(dir, null);
    }

    /** Deletes everything under the directory but one file in it (the directory stays when it keeps that file). */
    public static void deleteAllBut(Path dir, Path kept) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).filter(path -> kept == null || !(path.equals(kept) || path.equals(dir))).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + path, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // removed while we walked: RocksDB compacts in the background
        }
    }
}
