package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.topology.StoreNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * KPI queries over the {@code kpi-totals} store. A list gathers the matching keys from this instance's active
 * partitions and from every other instance hosting the store (each answering from its own active partitions).
 * When an active copy cannot answer (its instance is down or unreachable, or the partition is restoring), a standby
 * copy within {@code maxStandbyLag} records answers for that partition, and the list says so: {@code stale} names
 * each partition answered from a standby with how many records it is behind, {@code missing} each partition no copy
 * could answer. The dashboard thus keeps what it can show instead of a 503. One key is routed to the instance that
 * holds it.
 */
final class KpiQueries {

    static final String INTERNAL_PATH = "/internal/kpis/";

    /** In a peer's list: the partitions it answered for. */

    private static final String ANSWERED_PARTITIONS = "partitions";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalStores stores;
    private final KeyRouter router;
    private final PeerClient peers;
    private final long maxStandbyLag;

    KpiQueries(KafkaStreams streams, HostInfo self, LocalStores stores, KeyRouter router, PeerClient peers, long maxStandbyLag) {
        this.streams = streams;
        this.self = self;
        this.stores = stores;
        this.router = router;
        this.peers = peers;
        this.maxStandbyLag = maxStandbyLag;
    }

    /**
     * {@code {"kpi": ..., "items": [{"key": ..., "value": {...}}, ...], "stale": [{"partition", "recordsBehind",
     * "from"}], "missing": [partition, ...]}} over all instances, items sorted by key.
     */
    Reply list(KpiFilter filter) {
        Queryable.require(streams);
        StoreLayout layout = StoreLayout.of(streams.streamsMetadataForStore(StoreNames.KPI_TOTALS));
        Map<HostInfo, CompletableFuture<Reply>> remote = new LinkedHashMap<>();
        layout.activeHosts().stream().filter(host -> !host.equals(self))
                .forEach(host -> remote.put(host, peers.get(host, INTERNAL_PATH + filter.family().id() + "?" + filter.queryString())));
        SortedMap<String, JsonNode> items = new TreeMap<>();
        SortedMap<Integer, JsonNode> stale = new TreeMap<>();
        SortedSet<Integer> missing = new TreeSet<>();
        for (int partition : layout.activePartitionsOf(self)) {
            try {
                stores.kpis(filter, partition, OptionalLong.empty()).forEach(item -> items.put(item.key().key(), item.toJson()));
            } catch (ApiException | InvalidStateStoreException notQueryable) {
                fromStandby(filter, partition, layout, items, stale, missing);
            }
        }
        remote.forEach((host, pending) -> {
            Optional<JsonNode> answer = answerOf(pending);
            answer.ifPresent(found -> found.path("items").forEach(item -> items.put(item.path("key").asText(), item)));
            for (int partition : layout.activePartitionsOf(host)) {
                if (answer.isEmpty() || !answered(answer.get(), partition)) {
                    fromStandby(filter, partition, layout, items, stale, missing);
                }
            }
        });
        layout.partitionsWithoutActive().forEach(partition -> fromStandby(filter, partition, layout, items, stale, missing));
        ObjectNode body = listBody(filter.family(), items.values());
        ArrayNode stalePartitions = body.putArray("stale");
        stale.values().forEach(stalePartitions::add);
        ArrayNode missingPartitions = body.putArray("missing");
        missing.forEach(missingPartitions::add);
        return Reply.ok(body);
    }

    /** Whether a peer's list covers the partition; one without {@link #ANSWERED_PARTITIONS} (an older release) covers all. */
    private static boolean answered(JsonNode list, int partition) {
        JsonNode partitions = list.path(ANSWERED_PARTITIONS);
        if (!partitions.isArray()) {
            return true;
        }
        for (JsonNode answered : partitions) {
            if (answered.asInt() == partition) {
                return true;
            }
        }
        return false;
    }

    /** The first standby copy of the partition within the allowed lag answers for it; otherwise it is missing. */
    private void fromStandby(KpiFilter filter, int partition, StoreLayout layout, SortedMap<String, JsonNode> items,
                             SortedMap<Integer, JsonNode> stale, SortedSet<Integer> missing) {
        for (HostInfo standby : layout.standbyHostsOf(partition)) {
            Optional<JsonNode> answer = self.equals(standby)
                    ? localPartition(filter, partition)
                    : answerOf(peers.get(standby, INTERNAL_PATH + filter.family().id() + "?" + filter.queryString()
                            + "&partition=" + partition + "&maxLag=" + maxStandbyLag));
            if (answer.isPresent()) {
                answer.get().path("items").forEach(item -> items.put(item.path("key").asText(), item));
                ObjectNode note = JsonNodeFactory.instance.objectNode();
                note.put("partition", partition);
                note.put("recordsBehind", answer.get().path("recordsBehind").asLong());
                note.put("from", standby.host() + ":" + standby.port());
                stale.put(partition, note);
                return;
            }
        }
        missing.add(partition);
    }

    private Optional<JsonNode> localPartition(KpiFilter filter, int partition) {
        try {
            return Optional.of(localList(filter, partition, OptionalLong.of(maxStandbyLag)).json());
        } catch (ApiException | InvalidStateStoreException notQueryable) {
            return Optional.empty();
        }
    }

    /**
     * The list from this instance's active partitions only: what other instances gather. It names the partitions
     * it answered for, because the group may already count this instance active for one it does not hold yet (a
     * static member that is starting again): the asking instance answers those from a standby.
     */
    Reply localList(KpiFilter filter) {
        Set<Integer> partitions = stores.activeKpiPartitions();
        ObjectNode body = listBody(filter.family(), stores.kpis(filter, partitions).stream().map(KpiItem::toJson).toList());
        ArrayNode answered = body.putArray(ANSWERED_PARTITIONS);
        partitions.stream().sorted().forEach(answered::add);
        return Reply.ok(body);
    }

    /** The list from this instance's copy of one partition, active or a standby within {@code allowedLag}. */
    Reply localList(KpiFilter filter, int partition, OptionalLong allowedLag) {
        List<? extends JsonNode> items = stores.kpis(filter, partition, allowedLag).stream().map(KpiItem::toJson).toList();
        ObjectNode body = listBody(filter.family(), items);
        body.put("partition", partition);
        body.put("recordsBehind", stores.recordsBehind(StoreNames.KPI_TOTALS, partition));
        return Reply.ok(body);
    }

    /** {@code {"kpi": ..., "key": ..., "value": {...}}}, or 404. */
    Reply one(String kpi, String key) {
        KpiKey kpiKey = parseKey(kpi, key);
        return router.route(StoreNames.KPI_TOTALS, kpiKey.storeKey(),
                (partition, allowedLag) -> localOne(kpiKey, partition, allowedLag),
                INTERNAL_PATH + kpiKey.family().id() + "/" + PathSegments.encode(kpiKey.key()));
    }

    Reply localOne(String kpi, String key, int partition, OptionalLong allowedLag) {
        return localOne(parseKey(kpi, key), partition, allowedLag);
    }

    private Reply localOne(KpiKey key, int partition, OptionalLong allowedLag) {
        return stores.kpi(key, partition, allowedLag)
                .map(item -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.put("kpi", key.family().id());
                    body.put("key", key.key());
                    body.set("value", item.toJson().get("value"));
                    return Reply.ok(body);
                })
                .orElseGet(() -> Reply.error(404, "no " + key.family().id() + " value for key '" + key.key() + "'"));
    }

    /**
     * A key is one of the family's keys exactly as listed: the parser would accept another family's key (say a
     * backlog key, with its currency, asked as a fill-rate key) and answer for a different key than asked.
     */
    private static KpiKey parseKey(String kpi, String key) {
        KpiFamily family = KpiFilter.family(kpi);
        KpiKey parsed;
        try {
            parsed = KpiKey.parse(family, key);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!parsed.key().equals(key)) {
            throw ApiException.badRequest("'" + key + "' is not a " + family.id() + " key; its keys look like '"
                    + parsed.key() + "'");
        }
        return parsed;
    }

    /** The JSON of a 200 answer; empty when the instance is unreachable or cannot answer now. */
    private static Optional<JsonNode> answerOf(CompletableFuture<Reply> pending) {
        try {
            Reply reply = pending.join();
            return reply.status() == 200 ? Optional.of(reply.json()) : Optional.empty();
        } catch (CompletionException unreachable) {
            return Optional.empty();
        }
    }

    private static ObjectNode listBody(KpiFamily family, Iterable<? extends JsonNode> items) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("kpi", family.id());
        ArrayNode array = body.putArray("items");
        items.forEach(array::add);
        return body;
    }
}
