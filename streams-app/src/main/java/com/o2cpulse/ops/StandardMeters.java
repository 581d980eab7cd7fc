package com.o2cpulse.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters every instance exposes besides the pipeline's own: JVM memory, GC, threads and class loading,
 * process CPU, uptime and file descriptors, and the Kafka Streams client metrics ({@code kafka_stream_*},
 * {@code kafka_consumer_*}, ...). Closing stops the GC notifications and the Kafka metrics refresh.
 */
public final class StandardMeters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandardMeters.class);
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final List<AutoCloseable> closeables;

    private StandardMeters(List<AutoCloseable> closeables) {
        this.closeables = closeables;
    }

    /**
     * JVM and process meters plus the Kafka Streams metrics of {@code streams}. Kafka registers thread and task
     * metrics as they appear; Micrometer picks them up on its refresh (every minute).
     */
    public static StandardMeters bind(MeterRegistry registry, KafkaStreams streams) {
        List<AutoCloseable> closeables = jvmAndProcess(registry);
        KafkaStreamsMetrics kafkaStreamsMetrics = new KafkaStreamsMetrics(streams);
        kafkaStreamsMetrics.bindTo(registry);
        closeables.add(kafkaStreamsMetrics);
        return new StandardMeters(closeables);
    }

    private static List<AutoCloseable> jvmAndProcess(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("process.resident.memory", StandardMeters::residentBytes)
                .description("Resident set size of the process (heap, RocksDB and every other native allocation); NaN off Linux")
                .baseUnit("bytes")
                .register(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        List<AutoCloseable> closeables = new ArrayList<>();
        closeables.add(gc);
        return closeables;
    }

    /** VmRSS of /proc/self/status: what the kernel counts against the container's memory limit. */
    private static double residentBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Could not close meter binder {}: {}", closeable.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
