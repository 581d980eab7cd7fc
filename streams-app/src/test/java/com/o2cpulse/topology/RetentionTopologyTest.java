package com.o2cpulse.topology;

import static com.o2cpulse.testing.TestEvents.invoice;
import static com.o2cpulse.testing.TestEvents.placed;
import static com.o2cpulse.testing.TestEvents.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.o2cpulse.config.StreamsProperties;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.lifecycle.Retention;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.kpi.OrderStatus;
import com.o2cpulse.schema.kpi.OrderStatusType;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An order settles, stream time passes its horizon, and its late events go to o2c.late-events with the KPIs unchanged. */
class RetentionTopologyTest {

    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Topics topics = Topics.DEFAULT;
    private final Retention retention = new Retention(Duration.ofDays(10), Duration.ofDays(40), Duration.ofDays(5), Duration.ofDays(30));
    private final TopologySettings settings = new TopologySettings(topics, new KpiRules(ZoneOffset.UTC, Duration.ofHours(24)),
            Duration.ofMillis(100), Duration.ofMinutes(1)).withRetention(retention);
    private final O2cSerdes serdes = new O2cSerdes(new InMemorySchemaRegistry());
    private final TopologyTestDriver driver = new TopologyTestDriver(KpiTopology.build(settings, serdes, PipelineMetrics.NONE),
            StreamsProperties.base("o2c-pulse-test", "test:9092", topics), START);

    @AfterEach
    void close() {
        driver.close();
    }

    private void send(SpecificRecordBase... events) {
        for (SpecificRecordBase event : events) {
            driver.createInputTopic(topics.input(EventStream.of(event)), Serdes.ByteArray().serializer(), serdes.anyValue().serializer())
                    .pipeInput(null, event, Events.eventTime(event));
        }
        driver.advanceWallClockTime(settings.kpiFlushInterval());
    }

    private Map<String, SpecificRecord> latest(String topic) {
        Map<String, SpecificRecord> latest = new TreeMap<>();
        driver.createOutputTopic(topic, Serdes.String().deserializer(), serdes.anyValue().deserializer())
                .readRecordsToList().forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }

    private Map<String, Map<String, SpecificRecord>> kpis() {
        Map<String, Map<String, SpecificRecord>> kpis = new TreeMap<>();
        for (KpiFamily family : KpiFamily.values()) {
            kpis.put(family.id(), latest(topics.kpi(family)));
        }
        return kpis;
    }

    private List<TestRecord<String, String>> lateEvents() {
        return driver.createOutputTopic(topics.lateEvents(), Serdes.String().deserializer(), Serdes.String().deserializer())
                .readRecordsToList();
    }

    private static String header(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void eventsForASettledOrderRetiredAfterItsHorizonAreLateAndChangeNoKpi() throws Exception {
        ShipmentEvent shipped = shipment("s1", "SO-1", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 10).build();
        send(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.50").build(), shipped,
                invoice("i1", "SO-1", "2026-11-21T12:00:00Z", "INV-1", "SH-1").line("1", 10, "25.00").build());
        assertThat(kpis().get(KpiFamily.FILL_RATE.id())).isNotEmpty();
        OrderStatus settled = (OrderStatus) latest(topics.orderStatus()).get("SO-1");
        assertThat(settled.getStatus()).isEqualTo(OrderStatusType.INVOICED);

        // Another order moves stream time past SO-1's last event + 10 days.
        send(placed("o2", "SO-2", "2026-12-02T12:00:01Z").line("1", 1, "1.00").build());
        Map<String, Map<String, SpecificRecord>> before = kpis();
        KeyValueStore<String, OrderState> states = driver.getKeyValueStore(StoreNames.ORDER_STATES);
        assertThat(states.get("SO-1")).as("retired by the punctuation").isNull();
        assertThat(states.get("SO-2")).isNotNull();

        ShipmentEvent lateShipment = shipment("s2", "SO-1", "2026-12-02T13:00:00Z", "SH-2", "W-EAST").line("1", 5).build();
        send(lateShipment, shipped);

        assertThat(kpis()).as("no KPI record is written for late events").allSatisfy((kpi, keys) -> assertThat(keys).isEmpty());
        assertThat(states.get("SO-1")).isNull();
        List<TestRecord<String, String>> late = lateEvents();
        assertThat(late).extracting(TestRecord::key).containsExactly("SO-1", "SO-1");
        JsonNode first = JSON.readTree(late.get(0).value());
        assertThat(first.get("eventId").asText()).isEqualTo("s2");
        assertThat(first.get("stream").asText()).isEqualTo("shipment");
        assertThat(first.get("reason").asText()).isEqualTo("SETTLED");
        assertThat(first.get("retiredAt").asText()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(JSON.readTree(late.get(1).value()).get("eventId").asText()).as("the redelivery takes the same path").isEqualTo("s1");
        Headers headers = late.get(0).headers();
        assertThat(header(headers, LateEvent.ORIGIN_TOPIC)).isEqualTo(topics.input(EventStream.SHIPMENT));
        assertThat(header(headers, LateEvent.ORIGIN_PARTITION)).isEqualTo("0");
        assertThat(Long.parseLong(header(headers, LateEvent.ORIGIN_OFFSET))).isEqualTo(1);
        assertThat(header(headers, LateEvent.RETIRED_REASON)).isEqualTo("SETTLED");
        assertThat(headers.lastHeader(Origin.HEADER)).as("the internal origin header stays internal").isNull();
        assertThat(before.get(KpiFamily.BACKLOG.id())).isNotEmpty();
        assertThat(latest(topics.orderStatus())).doesNotContainKey("SO-1");
    }

    @Test
    void anOrderDueForRetirementIsRetiredByItsOwnLateEventBeforeAnyPunctuation() throws Exception {
        send(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.50").build());
        // The open order's horizon is 40 days: an event 41 days later is late even though no punctuation ran in between.
        send(shipment("s1", "SO-1", "2026-12-31T10:00:00Z", "SH-1", "W").line("1", 10).build());

        List<TestRecord<String, String>> late = lateEvents();
        assertThat(late).hasSize(1);
        assertThat(JSON.readTree(late.get(0).value()).get("reason").asText()).isEqualTo("UNSETTLED");
        OrderStatus last = (OrderStatus) latest(topics.orderStatus()).get("SO-1");
        assertThat(last.getStatus()).as("the last status stays as it was").isEqualTo(OrderStatusType.ACCEPTED);
    }

    @Test
    void orphanEventsWaitForTheirOrderOnlyTheirOwnHorizonAndKeepTheirOrphanCount() throws Exception {
        send(shipment("s1", "SO-9", "2026-11-20T10:00:00Z", "SH-9", "W").line("1", 1).build());
        Map<String, SpecificRecord> reconciliation = latest(topics.kpi(KpiFamily.RECONCILIATION));
        assertThat(reconciliation).containsKey("type=ORPHAN_EVENT");

        send(placed("o1", "SO-9", "2026-11-26T10:00:00Z").line("1", 1, "1.00").build());

        assertThat(lateEvents()).singleElement().satisfies(record ->
                assertThat(JSON.readTree(record.value()).get("reason").asText()).isEqualTo("NEVER_KNOWN"));
        assertThat(kpis()).allSatisfy((kpi, keys) -> assertThat(keys).isEmpty());
    }

    @Test
    void afterTheMarkerPeriodAnEventStartsANewOrder() {
        send(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.50").build());
        send(placed("o2", "SO-2", "2027-01-05T10:00:00Z").line("1", 1, "1.00").build());
        // Retired at 11-20 + 40 days = 12-30, marker kept 30 days: gone by 2027-02-01.
        send(placed("o3", "SO-3", "2027-02-01T10:00:00Z").line("1", 1, "1.00").build());
        send(shipment("s1", "SO-1", "2027-02-01T11:00:00Z", "SH-1", "W").line("1", 1).build());

        assertThat(lateEvents()).isEmpty();
        KeyValueStore<String, OrderState> states = driver.getKeyValueStore(StoreNames.ORDER_STATES);
        assertThat(states.get("SO-1")).as("an orphan shipment of a new, unknown order").isNotNull();
        assertThat(states.get("SO-1").isKnown()).isFalse();
    }
}
