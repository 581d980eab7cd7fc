package com.o2cpulse.serve;

import com.o2cpulse.topology.Topics;

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
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart of one of two static members, as in a rolling restart: while it is down and while it comes back, the
 * other instance answers every list (from its standbys for the partitions of the one restarting) and stays ready.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StaticMemberRestartIT {

    private static final Topics TOPICS = new Topics("static-member-restart-it.");

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int ORDERS = 8;
    private static final String APPLICATION = "o2c-static-restart";

    private final O2cSerdes serdes = new O2cSerdes(new InMemorySchemaRegistry());

    @Test
    void theOtherInstanceAnswersEveryListAndKeyAndStaysReadyWhileOneRestarts(TestKafka kafka, @TempDir Path stateDirs) throws Exception {
        AvroClassTrust.trustProjectClasses();
        ServingInstance.createTopics(kafka, TOPICS, 2);
        ServingInstance staying = start(kafka, stateDirs, "staying");
        ServingInstance restarting = start(kafka, stateDirs, "restarting");
        try {
            staying.awaitReady(TIMEOUT);
            restarting.awaitReady(TIMEOUT);
            processOrders(kafka);
            List<String> listed = Await.until("every key listed by the instance that stays", TIMEOUT,
                    () -> keys(staying.client.getJson("/api/kpis/fill-rate?scope=warehouse")), keys -> keys.size() == ORDERS);

            List<HttpResponse<String>> lists = new ArrayList<>();
            List<HttpResponse<String>> singleKeys = new ArrayList<>();
            List<Integer> readiness = new ArrayList<>();
            AtomicBoolean restarted = new AtomicBoolean();
            CompletableFuture<Void> probing = CompletableFuture.runAsync(() -> {
                for (int round = 0; !restarted.get(); round++) {
                    lists.add(staying.client.get("/api/kpis/fill-rate?scope=warehouse"));
                    singleKeys.add(staying.client.get("/api/kpis/fill-rate/" + PathSegments.encode(listed.get(round % listed.size()))));
                    readiness.add(staying.client.get("/health/ready").statusCode());
                }
            });
            restarting.close();
            restarting = start(kafka, stateDirs, "restarting");
            restarting.awaitReady(TIMEOUT);
            restarted.set(true);
            probing.get();

            assertThat(lists).as("lists asked during the restart").isNotEmpty().allSatisfy(list -> {
                assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
                assertThat(keys(ApiClient.json(list))).as(list.body()).hasSize(ORDERS);
            });
            assertThat(lists).as("some answered from standbys while the other instance was down")
                    .anySatisfy(list -> assertThat(ApiClient.json(list).path("stale")).isNotEmpty());
            assertThat(singleKeys).as("keys asked one by one during the restart").isNotEmpty()
                    .allSatisfy(key -> assertThat(key.statusCode()).as(key.body()).isEqualTo(200));
            assertThat(readiness).as("readiness of the instance that stayed").containsOnly(200);
        } finally {
            staying.close();
            restarting.close();
        }
    }

    private ServingInstance start(TestKafka kafka, Path stateDirs, String member) {
        return ServingInstance.start(kafka, TOPICS, APPLICATION, stateDirs.resolve(member), serdes,
                settings -> settings.withPeerTimeout(Duration.ofSeconds(1)),
                Map.of(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1,
                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, member,
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 20_000));
    }

    private void processOrders(TestKafka kafka) {
        List<SpecificRecordBase> events = new ArrayList<>();
        IntStream.rangeClosed(1, ORDERS).forEach(i -> {
            events.add(placed("o" + i, "SO-" + i, "2026-11-20T10:00:00Z").line("1", 2, "3.00").build());
            events.add(shipment("s" + i, "SO-" + i, "2026-11-21T10:00:00Z", "SH-" + i, "W-" + i).line("1", 2).build());
        });
        TestEventProducer.send(kafka, TOPICS, serdes, events.toArray(SpecificRecordBase[]::new));
        kafka.awaitCommitted(TOPICS.kpi(KpiFamily.FILL_RATE), new StringDeserializer(),
                serdes.anyValue().deserializer(),
                records -> TestKafka.latestValuePerKey(records).get("all=*|day=2026-11-21") instanceof FillRateKpi all
                        && all.getLinesShipped() == ORDERS,
                TIMEOUT);
    }

    private static List<String> keys(JsonNode listBody) {
        List<String> keys = new ArrayList<>();
        listBody.path("items").forEach(item -> keys.add(item.path("key").asText()));
        return keys;
    }
}
