package com.o2cpulse.replay;

import com.o2cpulse.config.StreamsProperties;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.topology.KpiTopology;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.PipelineMetrics;
import com.o2cpulse.topology.TopologySettings;
import com.o2cpulse.topology.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs events through the production topology in-process (TopologyTestDriver) and returns the final value of
 * every KPI and order-status key, as the compacted topics would hold them.
 */
public final class Replay {

    /** Events between two wall-clock flushes of the pre-aggregated KPI deltas, as if a commit happened. */
    private static final int EVENTS_PER_FLUSH = 1000;

    private final TopologySettings settings;

    public Replay(TopologySettings settings) {
        this.settings = settings;
    }

    /**
     * @param arrivals    events in arrival order
     * @param producerKey the key each event's producer gave it (the application re-keys anyway)
     */
    public ReplayResult run(List<? extends SpecificRecordBase> arrivals, Function<SpecificRecordBase, byte[]> producerKey) {
        Topics topics = settings.topics();
        O2cSerdes serdes = new O2cSerdes(new InMemorySchemaRegistry());
        Properties props = StreamsProperties.base("o2c-pulse-replay", "replay:9092", topics);
        Instant wallClock = arrivals.stream().map(Events::eventTime).max(Instant::compareTo).orElse(Instant.EPOCH);
        try (TopologyTestDriver driver = new TopologyTestDriver(KpiTopology.build(settings, serdes, PipelineMetrics.NONE), props, wallClock)) {
            Map<EventStream, TestInputTopic<byte[], SpecificRecord>> inputs = new EnumMap<>(EventStream.class);
            for (EventStream stream : EventStream.values()) {
                inputs.put(stream, driver.createInputTopic(topics.input(stream), Serdes.ByteArray().serializer(),
                        serdes.anyValue().serializer()));
            }
            int sinceFlush = 0;
            for (SpecificRecordBase event : arrivals) {
                inputs.get(EventStream.of(event)).pipeInput(producerKey.apply(event), event, Events.eventTime(event));
                if (++sinceFlush == EVENTS_PER_FLUSH) {
                    driver.advanceWallClockTime(settings.kpiFlushInterval());
                    sinceFlush = 0;
                }
            }
            driver.advanceWallClockTime(settings.kpiFlushInterval());

            SortedMap<String, SortedMap<String, SpecificRecord>> finalValues = new TreeMap<>();
            List<String> outputTopics = new ArrayList<>();
            for (KpiFamily family : KpiFamily.values()) {
                outputTopics.add(topics.kpi(family));
            }
            outputTopics.add(topics.orderStatus());
            for (String topic : outputTopics) {
                TestOutputTopic<String, SpecificRecord> output = driver.createOutputTopic(topic, Serdes.String().deserializer(),
                        serdes.anyValue().deserializer());
                SortedMap<String, SpecificRecord> latest = new TreeMap<>();
                for (TestRecord<String, SpecificRecord> record : output.readRecordsToList()) {
                    latest.put(record.key(), record.value());
                }
                finalValues.put(topic, latest);
            }
            long deadLetters = driver.createOutputTopic(topics.deadLetters(), Serdes.ByteArray().deserializer(),
                    Serdes.ByteArray().deserializer()).getQueueSize();
            long exceptions = driver.createOutputTopic(topics.exceptions(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer()).getQueueSize();
            return new ReplayResult(finalValues, deadLetters, exceptions);
        }
    }
}
