package com.o2cpulse.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One instance per data directory: a second start on a directory still in use (an instance that has not finished
 * closing, or a copy started twice) fails at once in one line, instead of deep in the broker or Kafka Streams.
 * The lock is the operating system's, so it goes with the process however that ends.
 */
public final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "o2c-pulse.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the directory (creating it) or throws a {@link SettingsException} naming the process that holds it. */
    public static DataDirectoryLock acquire(Path dataDir) {
        Directories.requireWritable(dataDir, Setting.DATA_DIR);
        Path file = lockFile(dataDir);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new DataDirectoryLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by this same process: in use all the same
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SettingsException("cannot lock " + Setting.DATA_DIR.key() + " (" + Setting.DATA_DIR.environmentVariable() + ") "
                    + dataDir.toAbsolutePath() + ": " + e.getMessage());
        }
        closeQuietly(channel);
        throw new SettingsException(Setting.DATA_DIR.key() + " (" + Setting.DATA_DIR.environmentVariable() + ") " + dataDir.toAbsolutePath()
                + " is in use by another o2c-pulse process (or one still closing): stop it, or give this one another data directory");
    }

    public static Path lockFile(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
