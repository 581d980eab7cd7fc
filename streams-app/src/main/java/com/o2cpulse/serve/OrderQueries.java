package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.kpi.Reconciliation;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.kpi.OrderStatusView;
import com.o2cpulse.serde.AvroJson;
import com.o2cpulse.topology.RetiredOrders;
import com.o2cpulse.topology.StoreNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Order status by correlationId, built from the order's state in the order-state store where the key lives; and
 * a search of correlationIds by prefix over every instance, so that a person can find an order to look up.
 */
final class OrderQueries {

    static final String INTERNAL_PATH = "/internal/orders/";
    static final String INTERNAL_SEARCH_PATH = "/internal/order-search";
    static final int DEFAULT_SEARCH_LIMIT = 10;
    static final int MAX_SEARCH_LIMIT = 100;
    /** The fields of an order's status that tell a person which order a search result is. */
    private static final List<String> SUMMARY_FIELDS = List.of("correlationId", "status", "channel", "customerId", "orderDay", "placedAt");

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalStores stores;
    private final KeyRouter router;
    private final PeerClient peers;
    private final KpiRules rules;
    private final Clock clock;

    OrderQueries(KafkaStreams streams, HostInfo self, LocalStores stores, KeyRouter router, PeerClient peers,
                 KpiRules rules, Clock clock) {
        this.streams = streams;
        this.self = self;
        this.stores = stores;
        this.router = router;
        this.peers = peers;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * {@code {"prefix": ..., "items": [summary, ...]}}: the known orders whose correlationId starts with the prefix,
     * greatest id first (with sequentially numbered ids, the most recent orders), at most {@code limit}.
     */
    Reply search(String prefix, int limit) {
        Queryable.require(streams);
        Map<HostInfo, CompletableFuture<Reply>> remote = new LinkedHashMap<>();
        for (StreamsMetadata metadata : streams.streamsMetadataForStore(StoreNames.ORDER_STATES)) {
            HostInfo host = metadata.hostInfo();
            if (!self.equals(host) && !remote.containsKey(host)) {
                remote.put(host, peers.get(host, INTERNAL_SEARCH_PATH + "?prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)
                        + "&limit=" + limit));
            }
        }
        SortedMap<String, JsonNode> found = new TreeMap<>(Comparator.reverseOrder());
        localSummaries(prefix, limit).forEach(summary -> found.put(summary.path("correlationId").asText(), summary));
        remote.forEach((host, reply) -> {
            Reply answer;
            try {
                answer = reply.join();
            } catch (CompletionException e) {
                throw ApiException.unavailable("instance " + host.host() + ":" + host.port() + " holding part of the orders is unreachable");
            }
            if (answer.status() != 200) {
                throw ApiException.unavailable("instance " + host.host() + ":" + host.port() + " cannot answer now (" + answer.status() + ")");
            }
            answer.json().path("items").forEach(summary -> found.put(summary.path("correlationId").asText(), summary));
        });
        return Reply.ok(searchBody(prefix, found.values().stream().limit(limit).toList()));
    }

    /** The search over this instance's active partitions only: what other instances gather. */
    Reply localSearch(String prefix, int limit) {
        return Reply.ok(searchBody(prefix, localSummaries(prefix, limit)));
    }

    private List<JsonNode> localSummaries(String prefix, int limit) {
        Instant now = clock.instant();
        List<JsonNode> summaries = new ArrayList<>();
        stores.ordersByDescendingId(prefix, limit).forEach((correlationId, order) -> {
            JsonNode status = AvroJson.toJson(OrderStatusView.of(correlationId, order, Reconciliation.findings(order), rules, now));
            ObjectNode summary = JsonNodeFactory.instance.objectNode();
            SUMMARY_FIELDS.forEach(field -> summary.set(field, status.get(field)));
            summaries.add(summary);
        });
        return summaries;
    }

    private static ObjectNode searchBody(String prefix, List<JsonNode> summaries) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("prefix", prefix);
        body.putArray("items").addAll(summaries);
        return body;
    }

    /** The {@code limit} query parameter: absent is the default, otherwise 1 to {@link #MAX_SEARCH_LIMIT}. */
    static int searchLimit(String limit) {
        if (limit == null) {
            return DEFAULT_SEARCH_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_SEARCH_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("'limit' must be a number from 1 to " + MAX_SEARCH_LIMIT);
    }

    /**
     * The OrderStatus record as JSON; 410 when the order's state was retired after its retention horizon (its last
     * status stays in the order-status topic); 404 when the order is unknown or has no PLACED/AMENDED event yet.
     */
    Reply status(String correlationId) {
        return router.route(StoreNames.ORDER_STATES, correlationId,
                (partition, allowedLag) -> localStatus(correlationId, partition, allowedLag),
                INTERNAL_PATH + PathSegments.encode(correlationId));
    }

    Reply localStatus(String correlationId, int partition, OptionalLong allowedLag) {
        return stores.order(correlationId, partition, allowedLag)
                .filter(OrderState::isKnown)
                .map(order -> Reply.ok(AvroJson.toJson(OrderStatusView.of(correlationId, order,
                        Reconciliation.findings(order), rules, clock.instant()))))
                .orElseGet(() -> stores.retiredOrder(correlationId, partition, allowedLag)
                        .map(marker -> retired(correlationId, marker))
                        .orElseGet(() -> Reply.error(404, "no order '" + correlationId + "'")));
    }

    private static Reply retired(String correlationId, RetiredOrders.Marker marker) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", "order '" + correlationId + "' was retired at " + marker.retiredAt() + " (" + marker.reason()
                + ", after its retention horizon); its last status is the order-status topic's record for this key");
        body.put("correlationId", correlationId);
        body.put("retiredAt", marker.retiredAt().toString());
        body.put("reason", marker.reason().name());
        return new Reply(410, Reply.write(body));
    }
}
