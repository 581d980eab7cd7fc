package com.o2cpulse.serve;

import com.o2cpulse.topology.Topics;

import static com.o2cpulse.serve.ApiClient.encode;
import static com.o2cpulse.testing.TestEvents.cancelled;
import static com.o2cpulse.testing.TestEvents.invoice;
import static com.o2cpulse.testing.TestEvents.placed;
import static com.o2cpulse.testing.TestEvents.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.o2cpulse.config.Setting;
import com.o2cpulse.embedded.KafkaBrokerExtension;
import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.ops.ApplicationVersion;
import com.o2cpulse.schema.kpi.FillRateKpi;
import com.o2cpulse.schema.kpi.OrderStatus;
import com.o2cpulse.schema.kpi.OrderStatusType;
import com.o2cpulse.serde.AvroClassTrust;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.topology.O2cSerdes;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One instance on a real broker, asked over HTTP what the pipeline made of a few hand-made orders. */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiIT {

    private static final Topics TOPICS = new Topics("http-api-it.");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ALL_21ST = "all=*|day=2026-11-21";
    private static final List<String> FILL_RATE_KEYS = List.of(ALL_21ST, "channel=ECOMMERCE|day=2026-11-21",
            "channel=EDI|day=2026-11-21", "warehouse=W-EAST|day=2026-11-21", "warehouse=W-WEST|day=2026-11-21");

    private final O2cSerdes serdes = new O2cSerdes(new InMemorySchemaRegistry());
    private TestKafka kafka;
    private ServingInstance instance;
    private ApiClient api;

    @BeforeAll
    void startAndProcessTwoOrders(TestKafka kafka, @TempDir Path stateDir) {
        AvroClassTrust.trustProjectClasses();
        this.kafka = kafka;
        ServingInstance.createTopics(kafka, TOPICS, 2);
        instance = ServingInstance.start(kafka, TOPICS, "o2c-serve-it", stateDir, serdes,
                settings -> settings.withDashboard(DashboardFiles.onClasspath("/test-dashboard"))
                        .withHeartbeatInterval(Duration.ofMillis(200)),
                Map.of());
        api = instance.client;

        TestEventProducer.send(kafka, TOPICS, serdes,
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").channel("EDI").line("1", 10, "2.00").line("2", 5, "1.00").build(),
                shipment("s1", "SO-1", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 10).line("2", 4).build(),
                placed("o2", "SO-2", "2026-11-20T11:00:00Z").channel("ECOMMERCE").line("1", 3, "5.00").build(),
                shipment("s2", "SO-2", "2026-11-21T12:00:00Z", "SH-2", "W-WEST").line("1", 3).build(),
                invoice("i2", "SO-2", "2026-11-21T18:00:00Z", "INV-2", "SH-2").line("1", 3, "15.00").build(),
                shipment("s3", "SO-3", "2026-11-21T12:00:00Z", "SH-3", "W-WEST").line("1", 1).build(),
                // A cancellation of an order never placed, retired after the 30-day never-known horizon; its repeat comes within the marker period.
                cancelled("c-old", "SO-OLD", "2026-09-01T00:00:00Z"),
                cancelled("c-old-again", "SO-OLD", "2026-11-21T12:00:00Z"));

        kafka.awaitCommitted(TOPICS.kpi(KpiFamily.FILL_RATE), new StringDeserializer(),
                serdes.anyValue().deserializer(),
                // Every fill-rate key the tests read: each KPI key is summed by the task of its own partition.
                records -> TestKafka.latestValuePerKey(records).get(ALL_21ST) instanceof FillRateKpi all
                        && all.getLinesShipped() == 3
                        && TestKafka.latestValuePerKey(records).keySet().containsAll(FILL_RATE_KEYS),
                TIMEOUT);
        kafka.awaitCommitted(TOPICS.lateEvents(), new StringDeserializer(), new StringDeserializer(),
                records -> TestKafka.latestValuePerKey(records).containsKey("SO-OLD"), TIMEOUT);
        kafka.awaitCommitted(TOPICS.orderStatus(), new StringDeserializer(),
                serdes.anyValue().deserializer(),
                records -> TestKafka.latestValuePerKey(records).get("SO-2") instanceof OrderStatus status
                        && status.getStatus() == OrderStatusType.INVOICED,
                TIMEOUT);
        // The search reads the order-state store, which the commit that sent the status above wrote. Once, in a
        // full verify, the search named neither order just after that status was visible; the answer's HTTP
        // status was not recorded, and the cause is open. The tests below are about what the search answers.
        Await.until("the order search answering with SO-1 and SO-2", TIMEOUT, () -> api.get("/api/orders?prefix=SO-"),
                response -> response.statusCode() == 200 && correlationIds(ApiClient.json(response)).size() == 2);
    }

    @AfterAll
    void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void listsFillRateOfEveryScopeSortedByKey() {
        HttpResponse<String> response = api.get("/api/kpis/fill-rate");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode body = ApiClient.json(response);
        assertThat(body.path("kpi").asText()).isEqualTo("fill-rate");
        assertThat(keys(body)).containsExactlyElementsOf(FILL_RATE_KEYS);
        JsonNode all = body.path("items").get(0).path("value");
        assertThat(all.path("scope").asText()).isEqualTo("all");
        assertThat(all.path("linesShipped").asLong()).isEqualTo(3);
        assertThat(all.path("linesFilled").asLong()).isEqualTo(2);
        assertThat(all.path("ordersShipped").asLong()).isEqualTo(2);
        assertThat(all.path("ordersFilled").asLong()).isEqualTo(1);
        assertThat(all.path("updatedAt").asText()).isNotBlank();
    }

    @Test
    void listIsFilteredByScopeAndInclusiveDayRange() {
        JsonNode warehouses = api.getJson("/api/kpis/fill-rate?scope=warehouse&from=2026-11-21&to=2026-11-21");
        JsonNode edi = api.getJson("/api/kpis/fill-rate?scope=channel&scopeValue=EDI");
        JsonNode later = api.getJson("/api/kpis/fill-rate?from=2026-11-22");

        assertThat(keys(warehouses)).containsExactly("warehouse=W-EAST|day=2026-11-21", "warehouse=W-WEST|day=2026-11-21");
        assertThat(keys(edi)).containsExactly("channel=EDI|day=2026-11-21");
        assertThat(keys(later)).isEmpty();
    }

    @Test
    void backlogIsListedPerCurrency() {
        JsonNode usd = api.getJson("/api/kpis/backlog?scope=all&currency=USD");
        JsonNode eur = api.getJson("/api/kpis/backlog?currency=EUR");

        assertThat(keys(usd)).isNotEmpty().allSatisfy(key -> assertThat(key).startsWith("all=*|day=").endsWith("|currency=USD"));
        assertThat(keys(eur)).isEmpty();
    }

    @Test
    void oneKeyIsAnsweredWithItsRecord() {
        HttpResponse<String> response = api.get("/api/kpis/fill-rate/" + encode(ALL_21ST));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ApiClient.json(response);
        assertThat(body.path("kpi").asText()).isEqualTo("fill-rate");
        assertThat(body.path("key").asText()).isEqualTo(ALL_21ST);
        assertThat(body.path("value").path("linesShipped").asLong()).isEqualTo(3);
        assertThat(body.path("value").path("lineFillRate").asDouble()).isEqualTo(2.0 / 3);
    }

    @Test
    void orderStatusIsBuiltFromItsLifecycle() {
        JsonNode invoiced = api.getJson("/api/orders/SO-2");
        JsonNode partlyShipped = api.getJson("/api/orders/SO-1");

        assertThat(invoiced.path("correlationId").asText()).isEqualTo("SO-2");
        assertThat(invoiced.path("status").asText()).isEqualTo("INVOICED");
        assertThat(invoiced.path("channel").asText()).isEqualTo("ECOMMERCE");
        assertThat(invoiced.path("lines").get(0).path("shipped").asLong()).isEqualTo(3);
        assertThat(invoiced.path("lines").get(0).path("invoiced").asLong()).isEqualTo(3);
        assertThat(invoiced.path("firstInvoicedAt").asText()).isEqualTo("2026-11-21T18:00:00Z");
        assertThat(partlyShipped.path("status").asText()).isEqualTo("PARTIALLY_SHIPPED");
    }

    @Test
    void unknownKpiBadDayBadScopeAndMalformedKeyAreBadRequests() {
        for (String path : List.of("/api/kpis/margin", "/api/kpis/fill-rate?from=2026-13-01", "/api/kpis/fill-rate?scope=region",
                "/api/kpis/fill-rate?currency=USD", "/api/kpis/fill-rate/" + encode("nonsense"), "/api/kpis/margin/" + encode(ALL_21ST))) {
            HttpResponse<String> response = api.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(ApiClient.json(response).path("error").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void absentKeyUnknownOrderAndOrderWithoutPlacementAreNotFound() {
        for (String path : List.of("/api/kpis/fill-rate/" + encode("all=*|day=2030-01-01"), "/api/orders/SO-404", "/api/orders/SO-3")) {
            HttpResponse<String> response = api.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(ApiClient.json(response).path("error").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void aRetiredOrderIsGoneNotUnknown() {
        HttpResponse<String> response = api.get("/api/orders/SO-OLD");

        assertThat(response.statusCode()).isEqualTo(410);
        JsonNode body = ApiClient.json(response);
        assertThat(body.path("reason").asText()).isEqualTo("NEVER_KNOWN");
        assertThat(body.path("retiredAt").asText()).isEqualTo("2026-10-01T00:00:00Z");
        assertThat(body.path("error").asText()).contains("retired");
    }

    @Test
    void instanceBecomesReadyAndStaysLive() {
        HttpResponse<String> ready = Await.until("/health/ready answers 200", TIMEOUT,
                () -> api.get("/health/ready"), response -> response.statusCode() == 200);
        HttpResponse<String> live = api.get("/health/live");

        assertThat(ApiClient.json(ready).path("status").asText()).isEqualTo("UP");
        assertThat(ApiClient.json(ready).path("state").asText()).isEqualTo("RUNNING");
        assertThat(live.statusCode()).isEqualTo(200);
    }

    @Test
    void metricsExposePipelineJvmAndKafkaStreamsMetersInPrometheusFormat() {
        HttpResponse<String> response = api.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body())
                .contains("o2c_events_in_total{stream=\"order\"} 4.0")
                .contains("o2c_late_events_total{stream=\"order\"} 1.0")
                .contains("o2c_orders_retired_total{reason=\"never_known\"} 1.0")
                .contains("o2c_events_in_total{stream=\"shipment\"} 3.0")
                .contains("o2c_kpi_updates_total{kpi=\"fill-rate\"}")
                .contains("o2c_end_to_end_latency_seconds_count")
                .contains("o2c_ready")
                .contains("jvm_memory_used_bytes")
                .contains("process_uptime_seconds")
                .contains("kafka_stream_");
    }

    @Test
    void streamClientGetsHelloThenTheKpiChangesOfANewEvent() throws InterruptedException {
        try (SseListener stream = api.stream("/api/stream")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            SseListener.Event hello = stream.await(event -> event.name().equals("hello"), TIMEOUT);
            assertThat(hello.data()).contains("\"live\":true");

            TestEventProducer.send(kafka, TOPICS, serdes, placed("o9", "SO-9", "2026-11-01T09:00:00Z").line("1", 2, "4.00").build());

            SseListener.Event change = stream.await(event -> event.name().equals("kpi")
                    && event.data().contains("\"key\":\"all=*|day=2026-11-01|currency=USD\""), TIMEOUT);
            JsonNode data = ApiClient.parse(change.data());
            assertThat(data.path("kpi").asText()).isEqualTo("backlog");
            assertThat(data.path("value").path("openOrders").asLong()).isEqualTo(1);
            assertThat(data.path("value").path("openValue").asText()).isEqualTo("8.00");
        }
    }

    @Test
    void streamSnapshotSendsCurrentValuesAfterHello() throws InterruptedException {
        try (SseListener stream = api.stream("/api/stream?snapshot=true")) {
            stream.await(event -> event.name().equals("hello"), TIMEOUT);

            SseListener.Event fillRate = stream.await(event -> event.name().equals("kpi")
                    && event.data().contains("\"key\":\"" + ALL_21ST + "\"") && event.data().contains("\"fill-rate\""), TIMEOUT);

            assertThat(fillRate.data()).contains("\"linesShipped\":3");
        }
    }

    @Test
    void streamSendsHeartbeatsAndDropsClientsThatLeft() throws InterruptedException {
        try (SseListener stream = api.stream("/api/stream")) {
            stream.await(event -> event.name().equals("hello"), TIMEOUT);
            stream.await(event -> event.name().equals(":"), TIMEOUT);
            assertThat(instance.api.streamClients()).isPositive();
        }

        Await.until("disconnected stream clients dropped", TIMEOUT, instance.api::streamClients, clients -> clients == 0);
    }

    @Test
    void knownOrdersAreFoundByIdPrefixGreatestIdFirst() {
        JsonNode all = api.getJson("/api/orders?prefix=SO-");
        JsonNode one = api.getJson("/api/orders?prefix=" + encode("SO-1"));
        JsonNode newest = api.getJson("/api/orders?limit=1");
        JsonNode none = api.getJson("/api/orders?prefix=XX-");

        assertThat(correlationIds(all)).as("SO-3 has only a shipment: no known order").containsExactly("SO-2", "SO-1");
        JsonNode so2 = all.path("items").get(0);
        assertThat(so2.path("status").asText()).isEqualTo("INVOICED");
        assertThat(so2.path("channel").asText()).isEqualTo("ECOMMERCE");
        assertThat(so2.path("orderDay").asText()).isEqualTo("2026-11-20");
        assertThat(correlationIds(one)).containsExactly("SO-1");
        assertThat(correlationIds(newest)).containsExactly("SO-2");
        assertThat(correlationIds(none)).isEmpty();
    }

    @Test
    void orderSearchRefusesALimitOutOfRange() {
        for (String limit : List.of("0", "101", "ten")) {
            HttpResponse<String> response = api.get("/api/orders?limit=" + limit);

            assertThat(response.statusCode()).as("limit %s", limit).isEqualTo(400);
            assertThat(ApiClient.json(response).path("error").asText()).contains("'limit' must be a number from 1 to 100");
        }
    }

    @Test
    void infoIsServed() {
        JsonNode info = api.getJson("/api/info");

        assertThat(info.path("version").asText()).isEqualTo(ApplicationVersion.current());
        assertThat(info.path("kpiDefinitions").asText()).isEqualTo(ApplicationInfo.KPI_DEFINITIONS);
        assertThat(info.path("businessZone").asText()).isEqualTo(Setting.BUSINESS_ZONE.defaultValue());
        assertThat(info.path("invoiceSlaSeconds").asLong()).isEqualTo(Duration.ofHours(24).toSeconds());
        assertThat(info.path("businessToday").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void dashboardIndexIsServedAtRoot() {
        HttpResponse<String> response = api.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("o2c-pulse test dashboard");
    }

    private static List<String> correlationIds(JsonNode searchBody) {
        return StreamSupport.stream(searchBody.path("items").spliterator(), false)
                .map(item -> item.path("correlationId").asText()).toList();
    }

    private static List<String> keys(JsonNode listBody) {
        return StreamSupport.stream(listBody.path("items").spliterator(), false).map(item -> item.path("key").asText()).toList();
    }
}
