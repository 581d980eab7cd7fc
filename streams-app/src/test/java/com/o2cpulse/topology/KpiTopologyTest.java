package com.o2cpulse.topology;

import static com.o2cpulse.testing.TestEvents.invoice;
import static com.o2cpulse.testing.TestEvents.placed;
import static com.o2cpulse.testing.TestEvents.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.config.StreamsProperties;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.kpi.BacklogKpi;
import com.o2cpulse.schema.kpi.ExceptionRecord;
import com.o2cpulse.schema.kpi.FillRateKpi;
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
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KpiTopologyTest {

    private static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    private final Topics topics = Topics.DEFAULT;
    private final TopologySettings settings = new TopologySettings(topics,
            new KpiRules(ZoneOffset.UTC, Duration.ofHours(24)), Duration.ofMillis(100), Duration.ofMinutes(1));
    private final O2cSerdes serdes = new O2cSerdes(new InMemorySchemaRegistry());
    private final TopologyTestDriver driver = new TopologyTestDriver(KpiTopology.build(settings, serdes, PipelineMetrics.NONE),
            StreamsProperties.base("o2c-pulse-test", "test:9092", topics), START);

    @AfterEach
    void close() {
        driver.close();
    }

    private void send(SpecificRecordBase... events) {
        for (SpecificRecordBase event : events) {
            TestInputTopic<byte[], SpecificRecord> input = driver.createInputTopic(topics.input(EventStream.of(event)),
                    Serdes.ByteArray().serializer(), serdes.anyValue().serializer());
            input.pipeInput(null, event, Events.eventTime(event));
        }
        driver.advanceWallClockTime(settings.kpiFlushInterval());
    }

    private void sendRaw(EventStream stream, byte[] value) {
        driver.createInputTopic(topics.input(stream), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("producer-key".getBytes(StandardCharsets.UTF_8), value);
    }

    private Map<String, SpecificRecord> latest(String topic) {
        TestOutputTopic<String, SpecificRecord> output = driver.createOutputTopic(topic, Serdes.String().deserializer(),
                serdes.anyValue().deserializer());
        Map<String, SpecificRecord> latest = new TreeMap<>();
        for (TestRecord<String, SpecificRecord> record : output.readRecordsToList()) {
            latest.put(record.key(), record.value());
        }
        return latest;
    }

    @Test
    void shipmentPublishesFillRateUnderEveryScopeKey() {
        send(placed("o1", "SO-1", "2026-11-20T10:00:00Z").channel("EDI").line("1", 10, "2.00").line("2", 5, "1.00").build(),
                shipment("s1", "SO-1", "2026-11-21T10:00:00Z", "SH-1", "W-EAST").line("1", 10).line("2", 4).build());

        Map<String, SpecificRecord> fillRate = latest(topics.kpi(KpiFamily.FILL_RATE));
        assertThat(fillRate).containsOnlyKeys("all=*|day=2026-11-21", "channel=EDI|day=2026-11-21", "warehouse=W-EAST|day=2026-11-21");
        FillRateKpi all = (FillRateKpi) fillRate.get("all=*|day=2026-11-21");
        assertThat(all.getScope()).isEqualTo("all");
        assertThat(all.getScopeValue()).isEqualTo("*");
        assertThat(all.getLinesShipped()).isEqualTo(2);
        assertThat(all.getLinesFilled()).isEqualTo(1);
        assertThat(all.getUnitsFilled()).isEqualTo(14);
        assertThat(all.getLineFillRate()).isEqualTo(0.5);
        assertThat(all.getOrderFillRate()).isEqualTo(0.0);
        FillRateKpi warehouse = (FillRateKpi) fillRate.get("warehouse=W-EAST|day=2026-11-21");
        assertThat(warehouse.getOrdersShipped()).isZero();
        assertThat(warehouse.getOrderFillRate()).isNull();
    }

    @Test
    void backlogKeyGetsATombstoneWhenTheOrderShipsInFull() {
        send(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.50").build());
        BacklogKpi open = (BacklogKpi) latest(topics.kpi(KpiFamily.BACKLOG)).get("all=*|day=2026-11-20|currency=USD");
        assertThat(open.getOpenValue()).isEqualByComparingTo("25.00");

        send(shipment("s1", "SO-1", "2026-11-21T10:00:00Z", "SH-1", "W").line("1", 10).build());
        Map<String, SpecificRecord> backlog = latest(topics.kpi(KpiFamily.BACKLOG));
        assertThat(backlog).containsEntry("all=*|day=2026-11-20|currency=USD", null)
                .containsEntry("channel=ECOMMERCE|day=2026-11-20|currency=USD", null);
    }

    @Test
    void redeliveredEventChangesNothing() {
        ShipmentEvent shipment = shipment("s1", "SO-1", "2026-11-21T10:00:00Z", "SH-1", "W").line("1", 4).build();
        send(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.50").build(), shipment);
        // The first delivery changed both KPIs: an empty output after the redelivery is then a statement about it.
        assertThat(latest(topics.kpi(KpiFamily.FILL_RATE))).containsKey("all=*|day=2026-11-21");
        assertThat(latest(topics.kpi(KpiFamily.BACKLOG))).containsKey("all=*|day=2026-11-20|currency=USD");
        send(shipment);
        assertThat(latest(topics.kpi(KpiFamily.FILL_RATE))).isEmpty();
        assertThat(latest(topics.kpi(KpiFamily.BACKLOG))).isEmpty();
    }

    @Test
    void orderStatusFollowsTheLifecycle() {
        send(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.50").build(),
                shipment("s1", "SO-1", "2026-11-21T10:00:00Z", "SH-1", "W").line("1", 10).build());
        OrderStatus status = (OrderStatus) latest(topics.orderStatus()).get("SO-1");
        assertThat(status.getStatus()).isEqualTo(OrderStatusType.SHIPPED);
        assertThat(status.getLines()).singleElement().satisfies(line -> assertThat(line.getShipped()).isEqualTo(10));
    }

    /** The dead-letter records themselves are checked on a real broker (DeadLetterOnEmbeddedBrokerIT): the test driver drops them. */
    @Test
    void undecodableAndInvalidRecordsAreSkippedWhileTheRestIsProcessed() {
        sendRaw(EventStream.SHIPMENT, new byte[] {1, 2, 3});
        send(shipment("s1", "SO-1", "2026-11-21T10:00:00Z", "SH-1", "W").line("1", -4).build(),
                placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.50").build(),
                shipment("s2", "SO-1", "2026-11-21T10:00:00Z", "SH-1", "W").line("1", 4).build());

        OrderStatus status = (OrderStatus) latest(topics.orderStatus()).get("SO-1");
        assertThat(status.getLines()).singleElement().satisfies(line -> assertThat(line.getShipped()).isEqualTo(4));
    }

    @Test
    void shipmentStillNotInvoicedWhenStreamTimePassesTheSlaRaisesABreach() {
        send(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 10, "2.50").build(),
                shipment("s1", "SO-1", "2026-11-20T12:00:00Z", "SH-1", "W").line("1", 10).build(),
                placed("o2", "SO-2", "2026-11-20T10:00:00Z").line("1", 1, "2.50").build(),
                shipment("s2", "SO-2", "2026-11-20T12:00:00Z", "SH-2", "W").line("1", 1).build(),
                invoice("i2", "SO-2", "2026-11-20T18:00:00Z", "INV-2", "SH-2").line("1", 1, "2.50").build());
        assertThat(breaches()).isEmpty();

        send(placed("o3", "SO-3", "2026-11-21T12:30:00Z").line("1", 1, "1.00").build());
        assertThat(breaches()).singleElement().satisfies(breach -> {
            assertThat(breach.getCorrelationId()).isEqualTo("SO-1");
            assertThat(breach.getSubject()).isEqualTo("shipment=s1");
        });
        send(placed("o4", "SO-4", "2026-11-22T12:30:00Z").line("1", 1, "1.00").build());
        assertThat(breaches()).isEmpty();
    }

    private List<ExceptionRecord> breaches() {
        return driver.createOutputTopic(topics.exceptions(), Serdes.String().deserializer(), serdes.value(ExceptionRecord.class).deserializer())
                .readValuesToList().stream().filter(e -> e.getType().equals("INVOICE_SLA_BREACH")).toList();
    }
}
