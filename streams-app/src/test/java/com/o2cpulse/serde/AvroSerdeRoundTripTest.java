package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.schema.events.AllocationEvent;
import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.InvoiceLine;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.kpi.BacklogKpi;
import com.o2cpulse.schema.kpi.InvoiceLatencyKpi;
import com.o2cpulse.schema.kpi.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeRoundTripTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    static Stream<Arguments> everyGeneratedClass() {
        return SampleRecords.all().stream()
                .map(record -> Arguments.of(record.getClass().getSimpleName(), record));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyGeneratedClass")
    <T extends SpecificRecord> void serdeOfTheClassReturnsAnEqualRecord(String name, T record) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        AvroSerde<T> serde = AvroSerde.forClass(type, registry, false);

        T decoded = serde.deserializer().deserialize("topic", serde.serializer().serialize("topic", record));

        assertThat(decoded).isExactlyInstanceOf(type).isEqualTo(record).isNotSameAs(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyGeneratedClass")
    void anyRecordSerdeReadsEachRecordIntoTheClassItsSchemaNames(String name, SpecificRecord record) {
        AvroSerde<SpecificRecord> serde = AvroSerde.anyRecord(registry, false);

        byte[] payload = serde.serializer().serialize("mixed", record);

        SpecificRecord decoded = serde.deserializer().deserialize("mixed", payload);

        assertThat(decoded).isExactlyInstanceOf(record.getClass()).isEqualTo(record);
    }

    @Test
    void decimalsInstantsAndDatesKeepTheirJavaTypesAndExactValues() {
        OrderStatus decoded = roundTrip(OrderStatus.class, SampleRecords.orderStatus());

        assertThat(decoded.getOrderDay()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(decoded.getPlacedAt()).isEqualTo(Instant.parse("2024-03-01T09:15:30.123Z"));
        assertThat(decoded.getCancelledAt()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
        assertThat(decoded.getLines()).extracting(line -> line.getUnitPrice())
                .containsExactly(new BigDecimal("1234567890123456.78"), new BigDecimal("0.00"));
        assertThat(decoded.getLines().get(1).getUnitPrice().scale()).isEqualTo(2);
        assertThat(roundTrip(BacklogKpi.class, SampleRecords.backlogKpi()).getOpenValue())
                .isEqualTo(new BigDecimal("123456789012345678901234567890123456.78"));
    }

    @Test
    void nullableUnionsComeBackNullWhenUnsetAndSetWhenSet() {
        OrderStatus unset = roundTrip(OrderStatus.class, SampleRecords.acceptedOrderStatus());
        OrderStatus set = roundTrip(OrderStatus.class, SampleRecords.orderStatus());

        assertThat(unset.getChannel()).isNull();
        assertThat(unset.getFirstShippedAt()).isNull();
        assertThat(set.getChannel()).isEqualTo("EDI");
        assertThat(set.getFirstShippedAt()).isEqualTo(SampleRecords.PLACED.plusSeconds(3600));
    }

    @Test
    void mapsKeepTheirEntries() {
        InvoiceLatencyKpi decoded = roundTrip(InvoiceLatencyKpi.class, SampleRecords.invoiceLatencyKpi());

        assertThat(decoded.getHistogram()).containsExactlyInAnyOrderEntriesOf(Map.of("60", 3L, "3600", 10L,
                "86400", 1L));
        assertThat(decoded.getP99Seconds()).isNull();
        assertThat(decoded.getP50Seconds()).isEqualTo(3600L);
    }

    @Test
    void nestedArraysOfRecordsComeBackAsTheirGeneratedClasses() {
        InvoiceEvent decoded = roundTrip(InvoiceEvent.class, SampleRecords.invoiceEvent());

        assertThat(decoded.getLines()).allSatisfy(l -> assertThat(l).isInstanceOf(InvoiceLine.class));
        assertThat(decoded.getLines().get(0).getAmount()).isEqualTo(new BigDecimal("39.98"));
    }

    private <T extends SpecificRecord> T roundTrip(Class<T> type, T record) {
        AvroSerde<T> serde = AvroSerde.forClass(type, registry, false);
        return serde.deserializer().deserialize("topic", serde.serializer().serialize("topic", record));
    }
}
