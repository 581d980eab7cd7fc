package com.o2cpulse.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The KRaft log directory of a single node: formatted once, then reused as it is by every later start. */
final class KRaftStorage {

    private static final Logger LOG = LoggerFactory.getLogger(KRaftStorage.class);
    private static final String META_PROPERTIES = "meta.properties";

    private KRaftStorage() {
    }

    static boolean isFormatted(Path logDirectory) {
        return Files.isRegularFile(logDirectory.resolve(META_PROPERTIES));
    }

    /** Formats the directory with a new cluster id unless it is formatted already; returns whether it formatted. */
    static boolean formatIfNew(Path logDirectory) {
        if (isFormatted(logDirectory)) {
            return false;
        }
        String clusterId = Uuid.randomUuid().toString();
        try {
            Files.createDirectories(logDirectory);
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(SingleNodeBrokerConfig.NODE_ID)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDirectory.toAbsolutePath().toString()))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName(SingleNodeBrokerConfig.CONTROLLER_LISTENER)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka log directory " + logDirectory, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDirectory, e);
        }
        LOG.info("Formatted new Kafka log directory {} (cluster id {})", logDirectory, clusterId);
        return true;
    }
}
