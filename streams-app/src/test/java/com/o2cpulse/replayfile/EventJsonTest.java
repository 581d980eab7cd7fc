package com.o2cpulse.replayfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.schema.events.InvoiceEvent;
import com.o2cpulse.schema.events.InvoiceLine;
import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.OrderEventType;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.events.ShipmentLine;
import com.o2cpulse.sim.Simulator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {

    private static final String SPEC_EXAMPLE = "{\"stream\":\"shipment\",\"eventId\":\"s-9\",\"correlationId\":\"SO-1\","
            + "\"eventTime\":\"2026-11-23T11:45:00Z\",\"shipmentId\":\"SH-4\",\"warehouseId\":\"W-EAST\","
            + "\"carrier\":\"UPS\",\"lines\":[{\"lineId\":\"1\",\"quantity\":8}]}";

    private static final String ORDER_PREFIX = "{\"stream\":\"order\",\"eventId\":\"o-1\",\"correlationId\":\"SO-1\","
            + "\"eventTime\":\"2026-11-20T10:00:00Z\",\"eventType\":\"PLACED\",\"channel\":\"EDI\",";

    private final EventJson json = new EventJson();

    @Test
    void parsesTheKpiSpecExampleLineExactly() {
        SpecificRecord event = json.parse(SPEC_EXAMPLE);

        assertThat(event).isEqualTo(new ShipmentEvent("s-9", "SO-1", Instant.parse("2026-11-23T11:45:00Z"), "SH-4",
                "W-EAST", "UPS", List.of(new ShipmentLine("1", 8L))));
    }

    @Test
    void writesTheKpiSpecExampleBackCharacterForCharacter() {
        assertThat(json.write(json.parse(SPEC_EXAMPLE))).isEqualTo(SPEC_EXAMPLE);
    }

    @Test
    void everySimulatedEventSurvivesWriteThenParse() {
        for (long seed = 1; seed <= 5; seed++) {
            List<SpecificRecord> events = new Simulator(seed, Instant.parse("2026-11-20T08:00:00Z")).generate(300);

            assertThat(events).hasSizeGreaterThan(1000).allSatisfy(event ->
                    assertThat(json.parse(json.write(event))).isEqualTo(event));
        }
    }

    @Test
    void writesStreamFirstThenSchemaFieldsWithNullsAndMoneyAsTwoDecimalStrings() {
        InvoiceEvent invoice = new InvoiceEvent("i-1", "SO-7", Instant.parse("2026-11-21T09:30:00.250Z"), "INV-3", null,
                "EUR", List.of(new InvoiceLine("2", 3L, new BigDecimal("37.50"))));

        assertThat(json.write(invoice)).isEqualTo("{\"stream\":\"invoice\",\"eventId\":\"i-1\",\"correlationId\":\"SO-7\","
                + "\"eventTime\":\"2026-11-21T09:30:00.250Z\",\"invoiceId\":\"INV-3\",\"shipmentId\":null,"
                + "\"currency\":\"EUR\",\"lines\":[{\"lineId\":\"2\",\"quantity\":3,\"amount\":\"37.50\"}]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"12.5\"", "12.5", "\"12.50\"", "\"12.500\"", "1.25e1"})
    void readsMoneyAsAnExactDecimalOfScaleTwo(String unitPrice) {
        OrderEvent order = (OrderEvent) json.parse(ORDER_PREFIX
                + "\"lines\":[{\"lineId\":\"1\",\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":" + unitPrice + "}]}");

        assertThat(order.getLines().get(0).getUnitPrice()).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void readsAbsentOptionalFieldsAsNullAndIgnoresUnknownFields() {
        OrderEvent cancelled = (OrderEvent) json.parse("{\"stream\":\"order\",\"eventId\":\"o-2\","
                + "\"correlationId\":\"SO-1\",\"eventTime\":\"2026-11-20T11:00:00Z\",\"eventType\":\"CANCELLED\","
                + "\"lines\":[],\"source\":\"crm\",\"extra\":{\"nested\":[1,2]}}");

        assertThat(cancelled).isEqualTo(new OrderEvent("o-2", "SO-1", Instant.parse("2026-11-20T11:00:00Z"),
                OrderEventType.CANCELLED, null, null, null, List.of()));
    }

    @Test
    void acceptsInstantsWithAnOffsetAndKeepsMilliseconds() {
        SpecificRecord event = json.parse(SPEC_EXAMPLE.replace("2026-11-23T11:45:00Z", "2026-11-23T12:45:00.123456+01:00"));

        assertThat(((ShipmentEvent) event).getEventTime()).isEqualTo(Instant.parse("2026-11-23T11:45:00.123Z"));
    }

    @Test
    void acceptsAWholeQuantityWrittenWithAZeroFraction() {
        ShipmentEvent shipment = (ShipmentEvent) json.parse(SPEC_EXAMPLE.replace("\"quantity\":8", "\"quantity\":8.0"));

        assertThat(shipment.getLines().get(0).getQuantity()).isEqualTo(8L);
    }

    static Stream<Arguments> badLines() {
        String orderLine = "\"lines\":[{\"lineId\":\"1\",\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":\"3.00\"}]}";
        return Stream.of(
                Arguments.of("not JSON", "stream=shipment", "not JSON"),
                Arguments.of("two JSON values", SPEC_EXAMPLE + " {}", "not JSON"),
                Arguments.of("a field given twice", SPEC_EXAMPLE.replace("\"eventId\":\"s-9\",", "\"eventId\":\"s-9\",\"eventId\":\"s-8\","), "Duplicate field 'eventId'"),
                Arguments.of("an array", "[1,2]", "not a JSON object"),
                Arguments.of("empty line", "   ", "empty line"),
                Arguments.of("missing stream", SPEC_EXAMPLE.replace("\"stream\":\"shipment\",", ""), "'stream'"),
                Arguments.of("unknown stream", SPEC_EXAMPLE.replace("\"shipment\"", "\"return\""), "unknown stream \"return\""),
                Arguments.of("stream not a string", SPEC_EXAMPLE.replace("\"shipment\"", "7"), "'stream'"),
                Arguments.of("missing eventId", SPEC_EXAMPLE.replace("\"eventId\":\"s-9\",", ""), "missing field 'eventId'"),
                Arguments.of("null correlationId", SPEC_EXAMPLE.replace("\"SO-1\"", "null"), "missing field 'correlationId'"),
                Arguments.of("blank correlationId", SPEC_EXAMPLE.replace("\"SO-1\"", "\" \""), "'correlationId' is blank"),
                Arguments.of("missing eventTime", SPEC_EXAMPLE.replace("\"eventTime\":\"2026-11-23T11:45:00Z\",", ""), "missing field 'eventTime'"),
                Arguments.of("unparseable eventTime", SPEC_EXAMPLE.replace("2026-11-23T11:45:00Z", "yesterday"), "'eventTime' is not an ISO-8601 instant"),
                Arguments.of("eventTime without zone", SPEC_EXAMPLE.replace("11:45:00Z", "11:45:00"), "'eventTime' is not an ISO-8601 instant"),
                Arguments.of("eventTime as a number", SPEC_EXAMPLE.replace("\"2026-11-23T11:45:00Z\"", "1795002300000"), "'eventTime' must be an ISO-8601 instant string"),
                Arguments.of("missing shipmentId", SPEC_EXAMPLE.replace("\"shipmentId\":\"SH-4\",", ""), "missing field 'shipmentId'"),
                Arguments.of("warehouseId a number", SPEC_EXAMPLE.replace("\"W-EAST\"", "12"), "'warehouseId' must be a string"),
                Arguments.of("missing lines", SPEC_EXAMPLE.replace(",\"lines\":[{\"lineId\":\"1\",\"quantity\":8}]", ""), "missing field 'lines'"),
                Arguments.of("lines not an array", SPEC_EXAMPLE.replace("[{\"lineId\":\"1\",\"quantity\":8}]", "{}"), "'lines' must be an array"),
                Arguments.of("line not an object", SPEC_EXAMPLE.replace("[{\"lineId\":\"1\",\"quantity\":8}]", "[8]"), "'lines[0]' must be an object"),
                Arguments.of("missing lineId", SPEC_EXAMPLE.replace("\"lineId\":\"1\",", ""), "missing field 'lines[0].lineId'"),
                Arguments.of("lineId a number", SPEC_EXAMPLE.replace("\"lineId\":\"1\"", "\"lineId\":1"), "'lines[0].lineId' must be a string"),
                Arguments.of("fractional quantity", SPEC_EXAMPLE.replace("\"quantity\":8", "\"quantity\":8.5"), "'lines[0].quantity' must be a whole number"),
                Arguments.of("quantity as a string", SPEC_EXAMPLE.replace("\"quantity\":8", "\"quantity\":\"8\""), "'lines[0].quantity' must be a whole number"),
                Arguments.of("quantity beyond a long", SPEC_EXAMPLE.replace("\"quantity\":8", "\"quantity\":99999999999999999999"), "'lines[0].quantity' is out of range"),
                Arguments.of("unknown eventType", ORDER_PREFIX.replace("PLACED", "SHIPPED") + orderLine, "'eventType' must be one of PLACED, AMENDED, CANCELLED"),
                Arguments.of("unparseable unitPrice", ORDER_PREFIX + orderLine.replace("\"3.00\"", "\"3,00\""), "'lines[0].unitPrice' is not a decimal"),
                Arguments.of("unitPrice with 3 decimals", ORDER_PREFIX + orderLine.replace("\"3.00\"", "\"3.005\""), "'lines[0].unitPrice' has more than 2 decimals"),
                Arguments.of("unitPrice as a number with 3 decimals", ORDER_PREFIX + orderLine.replace("\"3.00\"", "3.005"), "'lines[0].unitPrice' has more than 2 decimals"),
                Arguments.of("unitPrice a boolean", ORDER_PREFIX + orderLine.replace("\"3.00\"", "true"), "'lines[0].unitPrice' must be a decimal string"),
                Arguments.of("unitPrice too large", ORDER_PREFIX + orderLine.replace("\"3.00\"", "\"1E+20\""), "'lines[0].unitPrice' has more than 16 digits"),
                Arguments.of("currency a number", ORDER_PREFIX + "\"currency\":840," + orderLine, "'currency' must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void rejectsABadLineWithAOneLineReasonNamingTheProblem(String problem, String line, String reason) {
        assertThatThrownBy(() -> json.parse(line))
                .isInstanceOf(MalformedLineException.class)
                .hasMessageContaining(reason)
                .message().doesNotContain("\n");
    }
}
