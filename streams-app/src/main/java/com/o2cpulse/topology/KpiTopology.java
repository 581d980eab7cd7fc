package com.o2cpulse.topology;

import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiRecords;
import com.o2cpulse.kpi.KpiTotal;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.LifecycleFact;
import com.o2cpulse.lifecycle.LifecycleFacts;
import com.o2cpulse.schema.kpi.ExceptionRecord;
import com.o2cpulse.schema.kpi.OrderStatus;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the o2c-pulse topology: validate and re-key the four input streams by correlationId, fold them into
 * order lifecycles, sum the contribution deltas per KPI key and publish KPIs, order status and exceptions.
 * A pure function of its settings and serdes: production, replay and tests build exactly this.
 */
public final class KpiTopology {

    private KpiTopology() {
    }

    public static Topology build(TopologySettings settings, O2cSerdes serdes, PipelineMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        Topics topics = settings.topics();

        KStream<String, LifecycleFact> events = null;
        for (EventStream stream : EventStream.values()) {
            KStream<String, LifecycleFact> keyed = builder
                    .stream(topics.input(stream), Consumed.with(Serdes.ByteArray(), serdes.inputEvent(eventClass(stream)))
                            .withTimestampExtractor(new EventTimeExtractor())
                            .withName("read-" + stream.streamName() + "s"))
                    .process(() -> new KeyByCorrelationId(stream, metrics), Named.as("key-" + stream.streamName() + "s-by-correlation-id"));
            events = events == null ? keyed : events.merge(keyed, Named.as("merge-with-" + stream.streamName() + "s"));
        }

        // The lifecycle processor writes these two once per order per commit itself (OrderStates, PendingChanges):
        // a record cache in front would only add work.
        builder.addStateStore(logged(settings, Stores.keyValueStoreBuilder(
                keyValueStore(settings, StoreNames.ORDER_STATES), Serdes.String(), O2cSerdes.orderState())));
        builder.addStateStore(logged(settings, Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.PENDING_CHANGES), Serdes.String(), Serdes.ByteArray())));
        builder.addStateStore(BeforeCommit.builder(StoreNames.BEFORE_COMMIT));
        builder.addStateStore(logged(settings, Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.LEGACY_PENDING_DELTAS), Serdes.String(), O2cSerdes.kpiTotal())));
        builder.addStateStore(logged(settings, Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.LEGACY_PENDING_STATUS), Serdes.String(), Serdes.ByteArray())));
        builder.addStateStore(logged(settings, Stores.keyValueStoreBuilder(
                keyValueStore(settings, StoreNames.SLA_WATCH), Serdes.String(), Serdes.String()).withCachingEnabled()));
        builder.addStateStore(logged(settings, Stores.keyValueStoreBuilder(
                keyValueStore(settings, StoreNames.RETIRED_ORDERS), Serdes.String(), Serdes.ByteArray()).withCachingEnabled()));
        builder.addStateStore(logged(settings, Stores.keyValueStoreBuilder(
                keyValueStore(settings, StoreNames.RETENTION_INDEX), Serdes.String(), Serdes.String()).withCachingEnabled()));

        Map<String, KStream<String, Object>> outputs = events
                .repartition(Repartitioned.with(Serdes.String(), O2cSerdes.lifecycleFact()).withName("events-by-order"))
                .process(() -> new LifecycleProcessor(settings, metrics), Named.as("order-lifecycle"),
                        StoreNames.ORDER_STATES, StoreNames.PENDING_CHANGES, StoreNames.LEGACY_PENDING_DELTAS,
                        StoreNames.LEGACY_PENDING_STATUS, StoreNames.SLA_WATCH,
                        StoreNames.RETIRED_ORDERS, StoreNames.RETENTION_INDEX, StoreNames.BEFORE_COMMIT)
                .split(Named.as("lifecycle-"))
                .branch((key, value) -> value instanceof KpiTotal, Branched.as("kpi-deltas"))
                .branch((key, value) -> value instanceof OrderStatus, Branched.as("order-status"))
                .branch((key, value) -> value instanceof ExceptionRecord, Branched.as("exceptions"))
                .branch((key, value) -> value instanceof LateEvent, Branched.as("late-events"))
                .noDefaultBranch();

        outputs.get("lifecycle-order-status")
                .mapValues(value -> (OrderStatus) value, Named.as("as-order-status"))
                .to(topics.orderStatus(), Produced.with(Serdes.String(), serdes.value(OrderStatus.class)).withName("write-order-status"));
        outputs.get("lifecycle-exceptions")
                .mapValues(value -> (ExceptionRecord) value, Named.as("as-exception"))
                .to(topics.exceptions(), Produced.with(Serdes.String(), serdes.value(ExceptionRecord.class)).withName("write-exceptions"));

        outputs.get("lifecycle-late-events")
                .mapValues(value -> ((LateEvent) value).toJson(), Named.as("as-late-event-json"))
                .to(topics.lateEvents(), Produced.with(Serdes.String(), Serdes.String()).withName("write-late-events"));

        Materialized<String, KpiTotal, KeyValueStore<Bytes, byte[]>> totals = Materialized.<String, KpiTotal>as(
                        settings.stores() == TopologySettings.StoreKind.PERSISTENT
                                ? Stores.persistentTimestampedKeyValueStore(StoreNames.KPI_TOTALS) : Stores.inMemoryKeyValueStore(StoreNames.KPI_TOTALS))
                .withKeySerde(Serdes.String()).withValueSerde(O2cSerdes.kpiTotal());
        if (settings.stores() == TopologySettings.StoreKind.IN_MEMORY) {
            totals = totals.withLoggingDisabled();
        }
        Map<String, KStream<String, KpiTotal>> totalsByFamily = outputs.get("lifecycle-kpi-deltas")
                .mapValues(value -> (KpiTotal) value, Named.as("as-kpi-delta"))
                .groupByKey(Grouped.with("kpi-deltas", Serdes.String(), O2cSerdes.kpiTotal()))
                .reduce((total, delta) -> nullWhenZero(total.plus(delta)), Named.as("sum-kpi-deltas"), totals)
                .toStream(Named.as("kpi-totals-changes"))
                .split(Named.as("kpi-"))
                .branch((storeKey, total) -> KpiKey.isOfFamily(storeKey, KpiFamily.FILL_RATE), Branched.as(KpiFamily.FILL_RATE.id()))
                .branch((storeKey, total) -> KpiKey.isOfFamily(storeKey, KpiFamily.BACKLOG), Branched.as(KpiFamily.BACKLOG.id()))
                .branch((storeKey, total) -> KpiKey.isOfFamily(storeKey, KpiFamily.INVOICE_LATENCY), Branched.as(KpiFamily.INVOICE_LATENCY.id()))
                .branch((storeKey, total) -> KpiKey.isOfFamily(storeKey, KpiFamily.RECONCILIATION), Branched.as(KpiFamily.RECONCILIATION.id()))
                .noDefaultBranch();
        for (KpiFamily family : KpiFamily.values()) {
            totalsByFamily.get("kpi-" + family.id())
                    .process(() -> new KpiPublisher(family, metrics), Named.as("publish-" + family.id()))
                    .to(topics.kpi(family), Produced.with(Serdes.String(), serdes.anyValue()).withName("write-" + family.id()));
        }
        return builder.build();
    }

    /** An in-process replay keeps nothing once it ends, so its stores write no changelog. */
    private static <S extends StateStore> StoreBuilder<S> logged(TopologySettings settings, StoreBuilder<S> store) {
        return settings.stores() == TopologySettings.StoreKind.IN_MEMORY ? store.withLoggingDisabled() : store;
    }

    private static KeyValueBytesStoreSupplier keyValueStore(TopologySettings settings, String name) {
        return settings.stores() == TopologySettings.StoreKind.PERSISTENT
                ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    @SuppressWarnings("unchecked")
    private static Class<SpecificRecordBase> eventClass(EventStream stream) {
        return (Class<SpecificRecordBase>) stream.eventClass();
    }

    /** A total that returns to zero is removed from the store, and its key gets a tombstone. */
    private static KpiTotal nullWhenZero(KpiTotal total) {
        return total.isZero() ? null : total;
    }

    /** Keys an input event by its correlationId as a lifecycle fact, stamped with where it was read ({@link Origin}). */
    private static final class KeyByCorrelationId implements Processor<byte[], SpecificRecordBase, String, LifecycleFact> {
        private final EventStream stream;
        private final PipelineMetrics metrics;
        private ProcessorContext<String, LifecycleFact> context;

        KeyByCorrelationId(EventStream stream, PipelineMetrics metrics) {
            this.stream = stream;
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<String, LifecycleFact> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], SpecificRecordBase> record) {
            metrics.eventReceived(stream);
            LifecycleFact fact = LifecycleFacts.of(record.value());
            Record<String, LifecycleFact> keyed = record.withKey(fact.correlationId()).withValue(fact);
            context.recordMetadata().ifPresent(origin -> new Origin(origin.partition(), origin.offset()).stampOn(keyed.headers()));
            context.forward(keyed);
        }
    }

    /** Turns a KPI total into its topic key and record, stamped with the wall-clock time of the change. */
    private static final class KpiPublisher implements Processor<String, KpiTotal, String, SpecificRecord> {
        private final KpiFamily family;
        private final PipelineMetrics metrics;
        private ProcessorContext<String, SpecificRecord> context;

        KpiPublisher(KpiFamily family, PipelineMetrics metrics) {
            this.family = family;
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<String, SpecificRecord> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, KpiTotal> record) {
            KpiKey key = KpiKey.parseStoreKey(record.key());
            long now = context.currentSystemTimeMs();
            SpecificRecord value = KpiRecords.toRecord(key, record.value(), Instant.ofEpochMilli(now));
            context.forward(record.withKey(key.key()).withValue(value));
            metrics.kpiPublished(family);
            long appendedAt = AppendTime.of(record.headers());
            if (appendedAt >= 0) {
                metrics.endToEndLatency(now - appendedAt);
            }
        }
    }
}
