package com.o2cpulse.replay;

import com.o2cpulse.config.Directories;
import com.o2cpulse.config.StreamsProperties;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.lifecycle.OrderStateCodec;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.topology.KpiTopology;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.PipelineMetrics;
import com.o2cpulse.topology.StoreNames;
import com.o2cpulse.topology.Topics;
import com.o2cpulse.topology.TopologySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs events through the production topology in-process (TopologyTestDriver) and returns the final value of
 * every KPI and order-status key, as the compacted topics would hold them, and the late events in order.
 *
 * <p>Memory is bounded by the state, not by the output: the driver's output queues (every topic it produced to,
 * changelogs included) are drained at every wall-clock flush, keeping only the latest serialized value per KPI and
 * order-status key; values are decoded once, at the end. Each run has a state directory of its own, deleted
 * when the run ends, so that runs may go on at the same time in one JVM or on one machine.
 */
public final class Replay {

    /**
     * Events between two wall-clock flushes of the pre-aggregated KPI deltas, as if a commit happened. Final values do
     * not depend on it, but which keys end as tombstones does: a total that returns to zero within one flush is
     * never sent.
     */
    static final int EVENTS_PER_FLUSH = 1000;

    private final TopologySettings settings;
    private final int eventsPerFlush;

    public Replay(TopologySettings settings) {
        this(settings, EVENTS_PER_FLUSH);
    }

    Replay(TopologySettings settings, int eventsPerFlush) {
        this.settings = settings;
        this.eventsPerFlush = eventsPerFlush;
    }

    /**
     * @param arrivals    events in arrival order, iterated once
     * @param producerKey the key each event's producer gave it (the application re-keys anyway)
     */
    public ReplayResult run(Iterable<? extends SpecificRecordBase> arrivals, Function<SpecificRecordBase, byte[]> producerKey) {
        return run(arrivals, producerKey, drained -> { });
    }

    /** The size of the replay's state when stream time reached {@code streamTime}. */
    public record StateSize(Instant streamTime, long orders, long orderStateBytes, long retiredMarkers, long indexEntries) {
    }

    /** As {@link #run(Iterable, Function)}, telling {@code report} the state's size every {@code every} of stream time. */
    public ReplayResult run(Iterable<? extends SpecificRecordBase> arrivals, Function<SpecificRecordBase, byte[]> producerKey,
                            Duration every, Consumer<StateSize> report) {
        Path stateDir = createStateDir();
        try {
            return run(arrivals, producerKey, drained -> { }, Optional.of(new StateReport(every, report)), stateDir);
        } finally {
            deleteQuietly(stateDir);
        }
    }

    /** As {@link #run(Iterable, Function)}; {@code drains} is told how many output records each drain took. */
    ReplayResult run(Iterable<? extends SpecificRecordBase> arrivals, Function<SpecificRecordBase, byte[]> producerKey,
                     LongConsumer drains) {
        Path stateDir = createStateDir();
        try {
            return run(arrivals, producerKey, drains, Optional.empty(), stateDir);
        } finally {
            deleteQuietly(stateDir);
        }
    }

    private record StateReport(Duration every, Consumer<StateSize> sink) {
    }

    private ReplayResult run(Iterable<? extends SpecificRecordBase> arrivals, Function<SpecificRecordBase, byte[]> producerKey,
                             LongConsumer drains, Optional<StateReport> report, Path stateDir) {
        Topics topics = settings.topics();
        O2cSerdes serdes = new O2cSerdes(new InMemorySchemaRegistry());
        Properties props = StreamsProperties.base("o2c-pulse-replay", "replay:9092", topics);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The driver processes each record as it is piped and commits after it, flushing every cache: a cache only
        // adds work here. Waiting for empty partitions means nothing in-process, and costs a String.format per
        // record in PartitionGroup.readyToProcess.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // The clock starts at the first event and moves by a flush interval per flush: the arrivals are read once, as they come.
        Iterator<? extends SpecificRecordBase> events = arrivals.iterator();
        SpecificRecordBase first = events.hasNext() ? events.next() : null;
        Instant wallClock = first == null ? Instant.EPOCH : Events.eventTime(first);
        try (TopologyTestDriver driver = new TopologyTestDriver(KpiTopology.build(settings.withInMemoryStores(), serdes, PipelineMetrics.NONE), props, wallClock)) {
            Map<EventStream, TestInputTopic<byte[], SpecificRecord>> inputs = new EnumMap<>(EventStream.class);
            for (EventStream stream : EventStream.values()) {
                inputs.put(stream, driver.createInputTopic(topics.input(stream), Serdes.ByteArray().serializer(),
                        serdes.anyValue().serializer()));
            }
            Outputs outputs = new Outputs(driver, topics, drains);
            int sinceFlush = 0;
            Instant nextReport = null;
            Instant streamTime = Instant.MIN;
            for (SpecificRecordBase event = first; event != null; event = events.hasNext() ? events.next() : null) {
                Instant eventTime = Events.eventTime(event);
                inputs.get(EventStream.of(event)).pipeInput(producerKey.apply(event), event, eventTime);
                if (report.isPresent()) {
                    streamTime = eventTime.isAfter(streamTime) ? eventTime : streamTime;
                    nextReport = nextReport == null ? eventTime.plus(report.get().every()) : nextReport;
                    while (!streamTime.isBefore(nextReport)) {
                        report.get().sink().accept(stateSize(driver, nextReport));
                        nextReport = nextReport.plus(report.get().every());
                    }
                }
                if (++sinceFlush == eventsPerFlush) {
                    driver.advanceWallClockTime(settings.kpiFlushInterval());
                    outputs.drain();
                    sinceFlush = 0;
                }
            }
            driver.advanceWallClockTime(settings.kpiFlushInterval());
            outputs.drain();
            return outputs.result(serdes.anyValue().deserializer());
        }
    }

    /**
     * What the driver produced so far, drained from its queues: the latest serialized value per key of the KPI and
     * order-status topics (null: a tombstone), and the number of dead-letter and exception records. Records of
     * other topics (changelogs, repartition topics, already fed back by the driver) are dropped.
     */
    private static final class Outputs {
        private final TopologyTestDriver driver;
        private final LongConsumer drains;
        private final Map<String, SortedMap<String, byte[]>> latestByTopic = new HashMap<>();
        private final Map<String, TestOutputTopic<byte[], byte[]>> queues = new HashMap<>();
        private final String deadLetterTopic;
        private final String exceptionTopic;
        private final String lateEventTopic;
        private final List<ReplayResult.LateEvent> lateEvents = new ArrayList<>();
        private long deadLetters;
        private long exceptions;

        Outputs(TopologyTestDriver driver, Topics topics, LongConsumer drains) {
            this.driver = driver;
            this.drains = drains;
            for (KpiFamily family : KpiFamily.values()) {
                latestByTopic.put(topics.kpi(family), new TreeMap<>());
            }
            latestByTopic.put(topics.orderStatus(), new TreeMap<>());
            this.deadLetterTopic = topics.deadLetters();
            this.exceptionTopic = topics.exceptions();
            this.lateEventTopic = topics.lateEvents();
        }

        void drain() {
            long drained = 0;
            for (String topic : List.copyOf(driver.producedTopicNames())) {
                TestOutputTopic<byte[], byte[]> queue = queues.computeIfAbsent(topic, name -> driver.createOutputTopic(
                        name, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()));
                SortedMap<String, byte[]> latest = latestByTopic.get(topic);
                while (!queue.isEmpty()) {
                    TestRecord<byte[], byte[]> record = queue.readRecord();
                    drained++;
                    if (latest != null) {
                        latest.put(Serdes.String().deserializer().deserialize(topic, record.key()), record.value());
                    } else if (topic.equals(deadLetterTopic)) {
                        deadLetters++;
                    } else if (topic.equals(exceptionTopic)) {
                        exceptions++;
                    } else if (topic.equals(lateEventTopic)) {
                        lateEvents.add(new ReplayResult.LateEvent(new String(record.key(), StandardCharsets.UTF_8),
                                new String(record.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
            drains.accept(drained);
        }

        ReplayResult result(Deserializer<SpecificRecord> values) {
            SortedMap<String, SortedMap<String, SpecificRecord>> finalValues = new TreeMap<>();
            latestByTopic.forEach((topic, latest) -> {
                SortedMap<String, SpecificRecord> decoded = new TreeMap<>();
                latest.forEach((key, value) -> decoded.put(key, value == null ? null : values.deserialize(topic, value)));
                finalValues.put(topic, decoded);
            });
            return new ReplayResult(finalValues, deadLetters, exceptions, List.copyOf(lateEvents));
        }
    }

    private static StateSize stateSize(TopologyTestDriver driver, Instant streamTime) {
        long orders = 0;
        long bytes = 0;
        KeyValueStore<String, OrderState> states = driver.getKeyValueStore(StoreNames.ORDER_STATES);
        try (KeyValueIterator<String, OrderState> all = states.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                orders++;
                bytes += entry.key.length() + OrderStateCodec.encode(entry.value).length;
            }
        }
        return new StateSize(streamTime, orders, bytes, driver.getKeyValueStore(StoreNames.RETIRED_ORDERS).approximateNumEntries(),
                driver.getKeyValueStore(StoreNames.RETENTION_INDEX).approximateNumEntries());
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("o2c-pulse-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the replay", e);
        }
    }

    /** Best effort: a directory left behind in the temporary directory does not make a finished replay fail. */
    private static void deleteQuietly(Path dir) {
        try {
            Directories.delete(dir);
        } catch (UncheckedIOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
