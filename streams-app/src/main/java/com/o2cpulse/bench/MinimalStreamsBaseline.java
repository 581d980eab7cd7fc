package com.o2cpulse.bench;

import com.o2cpulse.config.StreamsProperties;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.ops.BoundedRocksDbMemory;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.PipelineMetrics;
import com.o2cpulse.topology.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Contestant (b): the least any lifecycle join must do, as a Kafka Streams application with o2c-pulse's base
 * settings (processing guarantee, commit interval, handlers, bounded RocksDB memory): read the four input topics
 * with the validating Avro serdes, re-key by correlationId, repartition, keep one small aggregate per order in a
 * persistent, cached store (as the product's lifecycle store is), and write one record per input record.
 */
final class MinimalStreamsBaseline implements Contestant {

    static final String STORE = "order-tallies";

    private final String name;
    private final String applicationId;
    private final String outputTopic;
    private final Topology topology;
    private final Properties properties;
    private KafkaStreams streams;

    MinimalStreamsBaseline(String name, String applicationId, String bootstrap, Topics inputs, String outputTopic, O2cSerdes serdes,
                           String guarantee, int streamThreads, long rocksDbMemoryBytes, Path stateDir) {
        this.name = name;
        this.applicationId = applicationId;
        this.outputTopic = outputTopic;
        this.topology = topology(inputs, outputTopic, serdes);
        // Dead letters, if any, would go to a topic of its own (there are none: the input is valid).
        Properties props = StreamsProperties.base(applicationId, bootstrap, new Topics(outputTopic + "."));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, Long.toString(rocksDbMemoryBytes));
        props.put(PipelineMetrics.CONFIG_KEY, PipelineMetrics.NONE);
        props.putAll(BenchKafkaSettings.streamsOverrides(streamThreads));
        this.properties = props;
    }

    static Topology topology(Topics inputs, String outputTopic, O2cSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, SpecificRecord> events = null;
        for (EventStream stream : EventStream.values()) {
            KStream<String, SpecificRecord> keyed = builder
                    .stream(inputs.input(stream), Consumed.with(Serdes.ByteArray(), serdes.inputEvent(eventClass(stream))))
                    .map((key, event) -> KeyValue.pair(Events.correlationId(event), (SpecificRecord) event));
            events = events == null ? keyed : events.merge(keyed);
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());
        events.repartition(Repartitioned.with(Serdes.String(), serdes.anyValue()).withName("events-by-order"))
                .process(TallyProcessor::new, STORE)
                .to(outputTopic, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String groupId() {
        return applicationId;
    }

    @Override
    public Optional<String> internalTopicPrefix() {
        return Optional.of(applicationId + "-");
    }

    @Override
    public ProducedBytes produced() {
        return ProducedBytes.of(streams.metrics());
    }

    @Override
    public boolean writes(String topic) {
        return topic.equals(outputTopic) || topic.startsWith(applicationId + "-");
    }

    @Override
    public void start() {
        streams = new KafkaStreams(topology, properties);
        streams.start();
    }

    @Override
    public void checkAlive() {
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("the Kafka Streams baseline stopped: " + state);
        }
    }

    @Override
    public void close() {
        if (streams != null) {
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<SpecificRecordBase> eventClass(EventStream stream) {
        return (Class<SpecificRecordBase>) stream.eventClass();
    }

    /** One state read and write per event, one output record per event. */
    private static final class TallyProcessor implements Processor<String, SpecificRecord, String, byte[]> {
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> tallies;

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.tallies = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, SpecificRecord> record) {
            long eventTime = Events.eventTime((SpecificRecordBase) record.value()).toEpochMilli();
            byte[] tally = OrderTally.next(tallies.get(record.key()), eventTime);
            tallies.put(record.key(), tally);
            context.forward(record.withValue(tally));
        }
    }
}
