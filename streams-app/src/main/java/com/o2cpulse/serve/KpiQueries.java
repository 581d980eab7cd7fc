package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.kpi.KpiKey;
import com.o2cpulse.topology.StoreNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * KPI queries over the {@code kpi-totals} store. A list gathers the matching keys from this instance's active
 * partitions and from every other instance hosting the store (each answering from its own active partitions);
 * one key is routed to the instance that holds it.
 */
final class KpiQueries {

    static final String INTERNAL_PATH = "/internal/kpis/";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalStores stores;
    private final KeyRouter router;
    private final PeerClient peers;

    KpiQueries(KafkaStreams streams, HostInfo self, LocalStores stores, KeyRouter router, PeerClient peers) {
        this.streams = streams;
        this.self = self;
        this.stores = stores;
        this.router = router;
        this.peers = peers;
    }

    /** {@code {"kpi": ..., "items": [{"key": ..., "value": {...}}, ...]}} over all instances, sorted by key. */
    Reply list(KpiFilter filter) {
        Queryable.require(streams);
        Map<HostInfo, CompletableFuture<Reply>> remote = new LinkedHashMap<>();
        for (StreamsMetadata metadata : streams.streamsMetadataForStore(StoreNames.KPI_TOTALS)) {
            HostInfo host = metadata.hostInfo();
            if (!self.equals(host) && !remote.containsKey(host)) {
                remote.put(host, peers.get(host, INTERNAL_PATH + filter.family().id() + "?" + filter.queryString()));
            }
        }
        SortedMap<String, JsonNode> items = new TreeMap<>();
        stores.kpis(filter).forEach(item -> items.put(item.key().key(), item.toJson()));
        remote.forEach((host, reply) -> addRemoteItems(host, reply, items));
        return Reply.ok(listBody(filter.family(), items.values()));
    }

    /** The list from this instance's active partitions only: what other instances gather. */
    Reply localList(KpiFilter filter) {
        return Reply.ok(listBody(filter.family(), stores.kpis(filter).stream().map(KpiItem::toJson).toList()));
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

    private static void addRemoteItems(HostInfo host, CompletableFuture<Reply> pending, SortedMap<String, JsonNode> items) {
        Reply reply;
        try {
            reply = pending.join();
        } catch (CompletionException e) {
            throw ApiException.unavailable("instance " + host.host() + ":" + host.port()
                    + " holding part of the KPIs is unreachable");
        }
        if (reply.status() != 200) {
            throw ApiException.unavailable("instance " + host.host() + ":" + host.port() + " cannot answer now ("
                    + reply.status() + ")");
        }
        for (JsonNode item : reply.json().path("items")) {
            items.put(item.path("key").asText(), item);
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
