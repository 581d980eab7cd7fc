package com.o2cpulse.serve;

import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.kpi.KpiRecords;
import com.o2cpulse.kpi.KpiTotal;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.topology.RetiredOrders;
import com.o2cpulse.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Reads this instance's own copies of the stores, never asking another instance. Reads of one key name the
 * store partition; {@code allowedLag} empty means the active copy only, otherwise a standby (or a restoring
 * active) copy at most that many records behind its changelog is good enough, once it is consistent
 * ({@link CaughtUpCopies}). A store that cannot be read now
 * raises {@link org.apache.kafka.streams.errors.InvalidStateStoreException} or {@link ApiException} 503.
 */
final class LocalStores {

    private static final StringSerializer STRING_SERIALIZER = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;
    private final CaughtUpCopies caughtUp;

    LocalStores(KafkaStreams streams, HostInfo self, CaughtUpCopies caughtUp) {
        this.streams = streams;
        this.self = self;
        this.caughtUp = caughtUp;
    }

    /** The KPI keys matching the filter in the partitions this instance holds active, sorted by key. */
    List<KpiItem> kpis(KpiFilter filter) {
        return kpis(filter, activeKpiPartitions());
    }

    /** The KPI keys matching the filter in these active partitions, in key order. */
    List<KpiItem> kpis(KpiFilter filter, Set<Integer> partitions) {
        List<KpiItem> items = new ArrayList<>();
        for (int partition : partitions) {
            items.addAll(kpis(filter, partition, OptionalLong.empty()));
        }
        items.sort((a, b) -> a.key().key().compareTo(b.key().key()));
        return items;
    }

    /** The partitions of the KPI store this instance holds active copies of now. */
    Set<Integer> activeKpiPartitions() {
        return activePartitions(StoreNames.KPI_TOTALS);
    }

    /** The KPI keys matching the filter in one partition of this instance's copy, in key order. */
    List<KpiItem> kpis(KpiFilter filter, int partition, OptionalLong allowedLag) {
        List<KpiItem> items = new ArrayList<>();
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<KpiTotal>> store =
                store(StoreNames.KPI_TOTALS, QueryableStoreTypes.timestampedKeyValueStore(), partition, allowedLag);
        try (KeyValueIterator<String, ValueAndTimestamp<KpiTotal>> entries =
                     store.prefixScan(filter.storeKeyPrefix(), STRING_SERIALIZER)) {
            while (entries.hasNext()) {
                KeyValue<String, ValueAndTimestamp<KpiTotal>> entry = entries.next();
                KpiKey key = KpiKey.parseStoreKey(entry.key);
                if (filter.matches(key)) {
                    toItem(key, entry.value).ifPresent(items::add);
                }
            }
        }
        return items;
    }

    /** How many records this instance's copy of the store partition is behind its changelog. */
    long recordsBehind(String storeName, int partition) {
        LagInfo lag = streams.allLocalStorePartitionLags().getOrDefault(storeName, Map.of()).get(partition);
        if (lag == null) {
            throw ApiException.unavailable("this instance holds no copy of " + storeName + " partition " + partition);
        }
        return lag.offsetLag();
    }

    Optional<KpiItem> kpi(KpiKey key, int partition, OptionalLong allowedLag) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<KpiTotal>> store = store(StoreNames.KPI_TOTALS,
                QueryableStoreTypes.timestampedKeyValueStore(), partition, allowedLag);
        ValueAndTimestamp<KpiTotal> total = store.get(key.storeKey());
        return total == null ? Optional.empty() : toItem(key, total);
    }

    Optional<OrderState> order(String correlationId, int partition, OptionalLong allowedLag) {
        ReadOnlyKeyValueStore<String, OrderState> store = store(StoreNames.ORDER_STATES,
                QueryableStoreTypes.keyValueStore(), partition, allowedLag);
        return Optional.ofNullable(store.get(correlationId));
    }

    /** The marker of an order whose state was retired, from the same task as its state. */
    Optional<RetiredOrders.Marker> retiredOrder(String correlationId, int partition, OptionalLong allowedLag) {
        ReadOnlyKeyValueStore<String, byte[]> store = store(StoreNames.RETIRED_ORDERS,
                QueryableStoreTypes.keyValueStore(), partition, allowedLag);
        return Optional.ofNullable(store.get(correlationId)).map(RetiredOrders::decode);
    }

    /**
     * Up to {@code limit} known orders whose correlationId starts with {@code prefix}, from each partition this
     * instance holds active, greatest id first.
     */
    SortedMap<String, OrderState> ordersByDescendingId(String prefix, int limit) {
        SortedMap<String, OrderState> found = new TreeMap<>(Comparator.reverseOrder());
        for (int partition : activePartitions(StoreNames.ORDER_STATES)) {
            ReadOnlyKeyValueStore<String, OrderState> store =
                    store(StoreNames.ORDER_STATES, QueryableStoreTypes.keyValueStore(), partition, false);
            // Ids are ASCII, so every id with the prefix sorts between the prefix and the prefix followed by U+FFFF.
            int taken = 0;
            try (KeyValueIterator<String, OrderState> entries = prefix.isEmpty()
                    ? store.reverseAll() : store.reverseRange(prefix, prefix + Character.MAX_VALUE)) {
                while (entries.hasNext() && taken < limit) {
                    KeyValue<String, OrderState> entry = entries.next();
                    if (entry.value.isKnown()) {
                        found.put(entry.key, entry.value);
                        taken++;
                    }
                }
            }
        }
        while (found.size() > limit) {
            found.remove(found.lastKey());
        }
        return found;
    }

    /**
     * The stored timestamp of a total is the stream time of its last change: the answer's updatedAt. The KPI topics'
     * records carry the wall-clock time of publication instead, which the store does not keep (KPI-DEFINITIONS).
     */
    private static Optional<KpiItem> toItem(KpiKey key, ValueAndTimestamp<KpiTotal> total) {
        SpecificRecord record = KpiRecords.toRecord(key, total.value(), Instant.ofEpochMilli(total.timestamp()));
        return record == null ? Optional.empty() : Optional.of(new KpiItem(key, record));
    }

    private Set<Integer> activePartitions(String storeName) {
        Queryable.require(streams);
        Set<Integer> partitions = new TreeSet<>();
        for (StreamsMetadata metadata : streams.streamsMetadataForStore(storeName)) {
            if (self.equals(metadata.hostInfo())) {
                metadata.topicPartitions().stream().map(TopicPartition::partition).forEach(partitions::add);
            }
        }
        return partitions;
    }

    private <S> S store(String storeName, QueryableStoreType<S> type, int partition, OptionalLong allowedLag) {
        Queryable.require(streams);
        if (allowedLag.isPresent()) {
            requireLagWithin(storeName, partition, allowedLag.getAsLong());
        }
        return store(storeName, type, partition, allowedLag.isPresent());
    }

    private <S> S store(String storeName, QueryableStoreType<S> type, int partition, boolean staleAllowed) {
        StoreQueryParameters<S> parameters = StoreQueryParameters.fromNameAndType(storeName, type).withPartition(partition);
        return streams.store(staleAllowed ? parameters.enableStaleStores() : parameters);
    }

    private void requireLagWithin(String storeName, int partition, long allowedLag) {
        long behind = recordsBehind(storeName, partition);
        if (behind == 0) {
            caughtUp.sawCurrent(storeName, partition);
        } else if (!caughtUp.hasCaughtUp(storeName, partition)) {
            throw ApiException.unavailable("the copy of " + storeName + " partition " + partition
                    + " here is still being built from its changelog (" + behind + " records to go)");
        }
        if (behind > allowedLag) {
            throw ApiException.unavailable("the copy of " + storeName + " partition " + partition + " here is "
                    + behind + " records behind, more than the " + allowedLag + " allowed");
        }
    }
}
