package com.o2cpulse.serve;

import com.o2cpulse.topology.Topics;

import static com.o2cpulse.serve.ApiClient.encode;
import static com.o2cpulse.testing.TestEvents.placed;
import static com.o2cpulse.testing.TestEvents.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.o2cpulse.embedded.KafkaBrokerExtension;
import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.schema.kpi.FillRateKpi;
import com.o2cpulse.serde.AvroClassTrust;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.StoreNames;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application on one broker, each holding part of the stores (and a standby of the rest):
 * either instance answers every question, asking the other when the key lives there. Authentication is on: readers
 * present the reader token, the instances the peer token to each other.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstanceRoutingIT {

    private static final Topics TOPICS = new Topics("two-instance-routing-it.");

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int ORDERS = 8;
    private static final String ALL_21ST = "all=*|day=2026-11-21";

    private final O2cSerdes serdes = new O2cSerdes(new InMemorySchemaRegistry());
    private ServingInstance first;
    private ServingInstance second;

    @BeforeAll
    void startTwoInstancesAndProcessOrders(TestKafka kafka, @TempDir Path stateDirs) {
        AvroClassTrust.trustProjectClasses();
        ServingInstance.createTopics(kafka, TOPICS, 2);
        Map<String, Object> withStandby = Map.of(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        UnaryOperator<HttpApiSettings> settings = s -> s.withPeerTimeout(Duration.ofSeconds(2))
                .withSecurity(HttpSecurity.LOOPBACK.withTokens(Secret.of("reader-token-2i"), Secret.of("peer-token-2i")));
        first = ServingInstance.start(kafka, TOPICS, "o2c-serve-two", stateDirs.resolve("first"), serdes, settings, withStandby);
        second = ServingInstance.start(kafka, TOPICS, "o2c-serve-two", stateDirs.resolve("second"), serdes, settings, withStandby);
        Await.until("both instances hold active partitions of both stores", TIMEOUT,
                () -> List.of(activeHosts(first.streams, StoreNames.KPI_TOTALS), activeHosts(first.streams, StoreNames.ORDER_STATES),
                        activeHosts(second.streams, StoreNames.KPI_TOTALS), activeHosts(second.streams, StoreNames.ORDER_STATES)),
                hostSets -> hostSets.stream().allMatch(hosts -> hosts.equals(Set.of(first.host, second.host))));
        first.awaitReady(TIMEOUT);
        second.awaitReady(TIMEOUT);

        List<SpecificRecordBase> events = new ArrayList<>();
        for (int i = 1; i <= ORDERS; i++) {
            events.add(placed("o" + i, order(i), "2026-11-20T10:00:00Z").line("1", 2, "3.00").build());
            events.add(shipment("s" + i, order(i), "2026-11-21T10:00:00Z", "SH-" + i, "W-" + i).line("1", 2).build());
        }
        TestEventProducer.send(kafka, TOPICS, serdes, events.toArray(SpecificRecordBase[]::new));
        kafka.awaitCommitted(TOPICS.kpi(KpiFamily.FILL_RATE), new StringDeserializer(),
                serdes.anyValue().deserializer(),
                records -> TestKafka.latestValuePerKey(records).get(ALL_21ST) instanceof FillRateKpi all
                        && all.getLinesShipped() == ORDERS,
                TIMEOUT);
    }

    @AfterAll
    void stop() {
        for (ServingInstance instance : new ServingInstance[] {first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    @Order(1)
    void everyOrderIsAnsweredByEitherInstanceWhereverItLives() {
        Set<HostInfo> owners = IntStream.rangeClosed(1, ORDERS).mapToObj(i -> ownerOf(StoreNames.ORDER_STATES, order(i)))
                .collect(Collectors.toSet());
        assertThat(owners).as("the orders are spread over both instances").containsExactlyInAnyOrder(first.host, second.host);

        for (int i = 1; i <= ORDERS; i++) {
            for (ServingInstance asked : List.of(first, second)) {
                HttpResponse<String> response = asked.client.get("/api/orders/" + order(i));

                assertThat(response.statusCode()).as("%s asked %s", order(i), asked.host).isEqualTo(200);
                JsonNode status = ApiClient.json(response);
                assertThat(status.path("correlationId").asText()).isEqualTo(order(i));
                assertThat(status.path("status").asText()).isEqualTo("SHIPPED");
            }
        }
    }

    @Test
    @Order(2)
    void kpiKeyOwnedByTheOtherInstanceIsAnsweredThroughIt() {
        String warehouseKeyOnSecond = IntStream.rangeClosed(1, ORDERS)
                .mapToObj(i -> "warehouse=W-" + i + "|day=2026-11-21")
                .filter(key -> ownerOf(StoreNames.KPI_TOTALS, "fill-rate/" + key).equals(second.host))
                .findFirst().orElseThrow();

        HttpResponse<String> response = first.client.get("/api/kpis/fill-rate/" + encode(warehouseKeyOnSecond));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ApiClient.json(response);
        assertThat(body.path("key").asText()).isEqualTo(warehouseKeyOnSecond);
        assertThat(body.path("value").path("linesShipped").asLong()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void kpiListGathersTheKeysOfBothInstances() {
        JsonNode fromFirst = first.client.getJson("/api/kpis/fill-rate?scope=warehouse");
        JsonNode fromSecond = second.client.getJson("/api/kpis/fill-rate?scope=warehouse");

        List<String> expected = IntStream.rangeClosed(1, ORDERS).mapToObj(i -> "warehouse=W-" + i + "|day=2026-11-21").sorted().toList();
        assertThat(keys(fromFirst)).containsExactlyElementsOf(expected);
        assertThat(fromSecond).isEqualTo(fromFirst);
        assertThat(expected.stream().map(key -> ownerOf(StoreNames.KPI_TOTALS, "fill-rate/" + key)).collect(Collectors.toSet()))
                .as("the warehouse keys are spread over both instances")
                .containsExactlyInAnyOrder(first.host, second.host);
    }

    @Test
    @Order(3)
    void orderSearchGathersTheOrdersOfBothInstancesGreatestIdFirst() {
        JsonNode everyOrder = first.client.getJson("/api/orders?limit=" + ORDERS);
        JsonNode greatestThree = second.client.getJson("/api/orders?prefix=" + encode("SO-") + "&limit=3");

        List<String> byDescendingId = IntStream.rangeClosed(1, ORDERS).mapToObj(TwoInstanceRoutingIT::order)
                .sorted(Comparator.reverseOrder()).toList();
        assertThat(byDescendingId.stream().map(id -> ownerOf(StoreNames.ORDER_STATES, id)).collect(Collectors.toSet()))
                .as("the orders are spread over both instances")
                .containsExactlyInAnyOrder(first.host, second.host);
        assertThat(correlationIds(everyOrder)).containsExactlyElementsOf(byDescendingId);
        assertThat(correlationIds(greatestThree)).containsExactlyElementsOf(byDescendingId.subList(0, 3));
        assertThat(everyOrder.path("items").get(0).path("status").asText()).isEqualTo("SHIPPED");
    }

    @Test
    @Order(4)
    void unreachableActiveInstanceIsStoodInForByAStandbyWithinTheAllowedLag() {
        String orderOnSecond = IntStream.rangeClosed(1, ORDERS).mapToObj(TwoInstanceRoutingIT::order)
                .filter(id -> ownerOf(StoreNames.ORDER_STATES, id).equals(second.host))
                .findFirst().orElseThrow();

        second.api.close();

        HttpResponse<String> response = Await.until(orderOnSecond + " answered from the standby on the first instance",
                TIMEOUT, () -> first.client.get("/api/orders/" + orderOnSecond), r -> r.statusCode() == 200);
        assertThat(ApiClient.json(response).path("status").asText()).isEqualTo("SHIPPED");

        HttpResponse<String> list = first.client.get("/api/kpis/fill-rate?scope=warehouse");
        assertThat(list.statusCode()).as("the list is answered from the standbys of the second instance's partitions").isEqualTo(200);
        JsonNode body = ApiClient.json(list);
        List<String> expected = IntStream.rangeClosed(1, ORDERS).mapToObj(i -> "warehouse=W-" + i + "|day=2026-11-21").sorted().toList();
        assertThat(keys(body)).containsExactlyElementsOf(expected);
        Set<Integer> secondsPartitions = IntStream.rangeClosed(1, ORDERS)
                .mapToObj(i -> first.streams.queryMetadataForKey(StoreNames.KPI_TOTALS, "fill-rate/warehouse=W-" + i + "|day=2026-11-21",
                        Serdes.String().serializer()))
                .filter(metadata -> metadata.activeHost().equals(second.host)).map(metadata -> metadata.partition())
                .collect(Collectors.toSet());
        assertThat(body.path("stale")).as("each partition answered by a standby, and how far behind")
                .allSatisfy(note -> {
                    assertThat(note.path("from").asText()).isEqualTo(first.host.host() + ":" + first.host.port());
                    assertThat(note.path("recordsBehind").asLong()).isBetween(0L, 10_000L);
                })
                .extracting(note -> note.path("partition").asInt()).containsExactlyInAnyOrderElementsOf(secondsPartitions);
        assertThat(body.path("missing")).isEmpty();
    }

    private HostInfo ownerOf(String store, String key) {
        return first.streams.queryMetadataForKey(store, key, Serdes.String().serializer()).activeHost();
    }

    private static Set<HostInfo> activeHosts(KafkaStreams streams, String store) {
        try {
            return streams.streamsMetadataForStore(store).stream()
                    .filter(metadata -> !metadata.topicPartitions().isEmpty())
                    .map(StreamsMetadata::hostInfo)
                    .collect(Collectors.toSet());
        } catch (RuntimeException notRunningYet) {
            return Set.of();
        }
    }

    private static String order(int i) {
        return "SO-" + i;
    }

    private static List<String> correlationIds(JsonNode searchBody) {
        return StreamSupport.stream(searchBody.path("items").spliterator(), false)
                .map(item -> item.path("correlationId").asText()).toList();
    }

    private static List<String> keys(JsonNode listBody) {
        List<String> keys = new ArrayList<>();
        listBody.path("items").forEach(item -> keys.add(item.path("key").asText()));
        return keys;
    }
}
