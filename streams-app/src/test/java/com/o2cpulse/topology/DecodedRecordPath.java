package com.o2cpulse.topology;

import com.o2cpulse.config.Setting;
import com.o2cpulse.kpi.Contributions;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiRecords;
import com.o2cpulse.kpi.KpiTotal;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.LifecycleFact;
import com.o2cpulse.lifecycle.LifecycleFacts;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.schema.kpi.ExceptionRecord;
import com.o2cpulse.schema.kpi.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.ProcessorStateManager;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Everything the topology does with an input record once it has been decoded, outside Kafka: the timestamp
 * extractor, re-keying and the repartition topic's serde, the real {@link LifecycleProcessor} over stores with the
 * production serdes (preloaded with the rest of the order), its punctuators and its step before a commit, and the sinks' serialization of every
 * output (KPI deltas through the aggregation's serde and the KPI record of the order's total under each key, order
 * status, exceptions).
 * An exception from here is one that in the application would dead-letter a valid record or stop a thread.
 */
final class DecodedRecordPath {

    private final TopologySettings settings;
    private final String eventsByOrderTopic;
    private final String kpiDeltasTopic;
    private final String kpiTotalsChangelog;
    private final EventTimeExtractor extractor = new EventTimeExtractor();
    private final Serde<LifecycleFact> lifecycleFacts = O2cSerdes.lifecycleFact();
    private final Serde<KpiTotal> totals = O2cSerdes.kpiTotal();
    private final Serde<SpecificRecord> kpis;
    private final Serde<OrderStatus> statuses;
    private final Serde<ExceptionRecord> exceptions;
    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<String, OrderState> orderStates;
    private final KeyValueStore<String, String> slaWatch;
    private final BeforeCommit beforeCommit;
    private final Contributions contributions;
    private long offset;

    DecodedRecordPath(TopologySettings settings, O2cSerdes serdes) {
        this.settings = settings;
        // The internal topics' names as Kafka Streams gives them to the production topology, not spelled again here.
        TopologyDescription topology = KpiTopology.build(settings, serdes, PipelineMetrics.NONE).describe();
        String applicationId = Setting.APPLICATION_ID.defaultValue();
        this.eventsByOrderTopic = applicationId + "-" + sourceTopicOfTheStore(topology, StoreNames.ORDER_STATES);
        this.kpiDeltasTopic = applicationId + "-" + sourceTopicOfTheStore(topology, StoreNames.KPI_TOTALS);
        this.kpiTotalsChangelog = ProcessorStateManager.storeChangelogTopic(applicationId, StoreNames.KPI_TOTALS, null);
        this.kpis = serdes.anyValue();
        this.statuses = serdes.value(OrderStatus.class);
        this.exceptions = serdes.value(ExceptionRecord.class);
        this.orderStates = store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.ORDER_STATES),
                Serdes.String(), O2cSerdes.orderState()).withLoggingDisabled().build());
        store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.PENDING_CHANGES),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
        store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.LEGACY_PENDING_DELTAS),
                Serdes.String(), O2cSerdes.kpiTotal()).withLoggingDisabled().build());
        store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.LEGACY_PENDING_STATUS),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
        this.slaWatch = store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.SLA_WATCH),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build());
        this.beforeCommit = BeforeCommit.builder(StoreNames.BEFORE_COMMIT).build();
        beforeCommit.init(context.getStateStoreContext(), beforeCommit);
        context.addStateStore(beforeCommit);
        this.contributions = new Contributions(settings.rules());
    }

    /** The topic that feeds the sub-topology holding {@code store}: the repartition topic in front of it. */
    private static String sourceTopicOfTheStore(TopologyDescription topology, String store) {
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            boolean holdsTheStore = subtopology.nodes().stream().anyMatch(node ->
                    node instanceof TopologyDescription.Processor processor && processor.stores().contains(store));
            if (holdsTheStore) {
                return subtopology.nodes().stream().filter(TopologyDescription.Source.class::isInstance)
                        .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                        .reduce((a, b) -> {
                            throw new IllegalStateException("more than one source topic in front of " + store);
                        })
                        .orElseThrow();
            }
        }
        throw new IllegalStateException("no sub-topology holds the store " + store);
    }

    private <S extends KeyValueStore<String, ?>> S store(S store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private CapturedPunctuator punctuator(PunctuationType type) {
        List<CapturedPunctuator> scheduled = context.scheduledPunctuators();
        // The latest init scheduled the last ones.
        for (int i = scheduled.size() - 1; i >= 0; i--) {
            if (scheduled.get(i).getType() == type) {
                return scheduled.get(i);
            }
        }
        throw new IllegalStateException("no " + type + " punctuator");
    }

    /**
     * Takes a decoded, validated event through the rest of the topology, its order holding {@code restOfOrder}
     * already; throws what the topology would throw.
     */
    void process(SpecificRecordBase event, List<SpecificRecordBase> restOfOrder, Instant appendedAt) {
        String topic = settings.topics().input(EventStream.of(event));
        ConsumerRecord<Object, Object> consumed = new ConsumerRecord<>(topic, 0, offset++, appendedAt.toEpochMilli(),
                TimestampType.CREATE_TIME, -1, -1, "k".getBytes(StandardCharsets.UTF_8), event, new RecordHeaders(),
                Optional.empty());
        long timestamp = extractor.extract(consumed, -1);
        if (timestamp < 0) {
            throw new IllegalStateException("extracted timestamp " + timestamp + ": Kafka Streams would drop the record");
        }
        LifecycleFact fact = LifecycleFacts.of(event);
        String key = fact.correlationId();
        byte[] repartitioned = lifecycleFacts.serializer().serialize(eventsByOrderTopic, fact);
        LifecycleFact received = lifecycleFacts.deserializer().deserialize(eventsByOrderTopic, repartitioned);

        // A fresh processor: its decoded-state cache must not hold the previous case's order.
        LifecycleProcessor processor = new LifecycleProcessor(settings, PipelineMetrics.NONE);
        clear(orderStates);
        clear(slaWatch);
        Map<KpiKey, KpiTotal> totalsBefore = Map.of();
        if (restOfOrder != null) {
            OrderState rest = new OrderState();
            restOfOrder.forEach(e -> rest.apply(LifecycleFacts.of(e)));
            orderStates.put(key, rest);
            totalsBefore = contributions.of(rest);
        }
        context.resetForwards();
        context.setCurrentSystemTimeMs(appendedAt.toEpochMilli());
        processor.init(context);
        CapturedPunctuator flush = punctuator(PunctuationType.WALL_CLOCK_TIME);
        CapturedPunctuator slaCheck = punctuator(PunctuationType.STREAM_TIME);
        context.setRecordMetadata(eventsByOrderTopic, 0, offset);
        context.setCurrentStreamTimeMs(timestamp);
        processor.process(new Record<>(key, received, timestamp, consumed.headers()));
        flush.getPunctuator().punctuate(appendedAt.toEpochMilli());
        slaCheck.getPunctuator().punctuate(timestamp);
        beforeCommit.flushCache(); // the commit: it sends what the flush interval made due
        for (MockProcessorContext.CapturedForward<? extends String, ?> forward : context.forwarded()) {
            sink(forward.record(), totalsBefore, appendedAt);
        }
    }

    /** What the topology downstream of the lifecycle processor does with one of its outputs. */
    private void sink(Record<? extends String, ?> record, Map<KpiKey, KpiTotal> totalsBefore, Instant now) {
        if (record.timestamp() < 0) {
            throw new IllegalStateException("output with negative timestamp " + record.timestamp() + ": " + record);
        }
        Object value = record.value();
        if (value instanceof KpiTotal delta) {
            byte[] bytes = totals.serializer().serialize(kpiDeltasTopic, delta);
            KpiKey kpiKey = KpiKey.parseStoreKey(record.key());
            KpiTotal received = totals.deserializer().deserialize(kpiDeltasTopic, bytes);
            KpiTotal before = totalsBefore.get(kpiKey);
            KpiTotal total = before == null ? received : before.plus(received);
            if (total.isZero()) {
                return;
            }
            totals.serializer().serialize(kpiTotalsChangelog, total);
            SpecificRecord kpi = KpiRecords.toRecord(kpiKey, total, now);
            kpis.serializer().serialize(settings.topics().kpi(kpiKey.family()), kpi);
        } else if (value instanceof OrderStatus status) {
            statuses.serializer().serialize(settings.topics().orderStatus(), status);
        } else if (value instanceof ExceptionRecord exception) {
            exceptions.serializer().serialize(settings.topics().exceptions(), exception);
        } else {
            throw new IllegalStateException("unexpected output " + value);
        }
    }

    private static void clear(KeyValueStore<String, ?> store) {
        List<String> keys = new java.util.ArrayList<>();
        try (KeyValueIterator<String, ?> all = store.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }
}
