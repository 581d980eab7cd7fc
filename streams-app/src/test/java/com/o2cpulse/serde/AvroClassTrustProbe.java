package com.o2cpulse.serde;

import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.events.ShipmentLine;
import com.o2cpulse.schema.kpi.InvoiceLatencyKpi;
import com.o2cpulse.schema.kpi.OrderStatus;
import com.o2cpulse.schema.kpi.OrderStatusLine;
import com.o2cpulse.schema.kpi.OrderStatusType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Run in a fresh JVM by {@link AvroClassTrustTest}: decodes nested records, arrays, maps and unions through the
 * serde, optionally after a plain Avro reader ran first, and prints one {@code PROBE key=value} line per finding.
 * It must not touch {@link SampleRecords}, which trusts the classes itself.
 */
public final class AvroClassTrustProbe {

    private static final Instant AT = Instant.parse("2024-03-01T09:15:30.123Z");
    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);

    private AvroClassTrustProbe() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length > 0 && args[0].equals("plain-reader-first")) {
            out.println("PROBE plainReaderBeforeSerde=" + decodeWithPlainReader(orderStatus()));
        }
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerde<OrderStatus> statusSerde = AvroSerde.forClass(OrderStatus.class, registry, false);
        AvroSerde<InvoiceLatencyKpi> latencySerde = AvroSerde.forClass(InvoiceLatencyKpi.class, registry, false);
        AvroSerde<SpecificRecord> anySerde = AvroSerde.anyRecord(registry, false);

        out.println("PROBE orderStatus=" + roundTrip(statusSerde, orderStatus()));
        out.println("PROBE invoiceLatencyKpi=" + roundTrip(latencySerde, new InvoiceLatencyKpi("all", "*", DAY, 2L, 1L,
                1L, 0L, 60L, 60L, 60L, null, Map.of("60", 1L, "3600", 4L), AT)));
        out.println("PROBE anyRecord=" + roundTrip(anySerde, new ShipmentEvent("s-1",
                "ORD-1", AT, "SH-1", "WH-1", null, List.of(new ShipmentLine("1", 2L)))));
        out.println("PROBE propertyTrustsProjectClasses="
                + ClassSecurityValidator.SYSTEM_PROPERTIES.isTrusted(OrderStatus.class));
        out.println("PROBE property=" + System.getProperty(AvroClassTrust.SERIALIZABLE_PACKAGES_PROPERTY));
    }

    /** Built with the all-arguments constructor: a builder would make Avro resolve classes before the serde exists. */
    private static OrderStatus orderStatus() {
        return new OrderStatus("ORD-1", OrderStatusType.SHIPPED, null, null, "EUR", DAY,
                List.of(new OrderStatusLine("1", "SKU", 2L, new BigDecimal("9.99"), 2L, 0L, 2L, 0L)),
                AT, AT, null, AT, null, null, List.of("OVER_SHIPPED_LINE:line=1"), AT);
    }

    private static <T extends SpecificRecord> String roundTrip(AvroSerde<T> serde, T record) {
        try {
            T decoded = serde.deserializer().deserialize("t", serde.serializer().serialize("t", record));
            return decoded.equals(record) && decoded.getClass() == record.getClass() ? "ok" : "different";
        } catch (RuntimeException e) {
            return e.toString().replace('\n', ' ');
        }
    }

    private static String decodeWithPlainReader(OrderStatus status) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new SpecificDatumWriter<OrderStatus>(OrderStatus.SCHEMA$, status.getSpecificData()).write(status, encoder);
            encoder.flush();
            new SpecificDatumReader<OrderStatus>(OrderStatus.SCHEMA$, OrderStatus.SCHEMA$, new SpecificData())
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
            return "ok";
        } catch (SecurityException e) {
            return "SecurityException";
        }
    }
}
