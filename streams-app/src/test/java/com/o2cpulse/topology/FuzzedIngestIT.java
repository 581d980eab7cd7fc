package com.o2cpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.schema.kpi.BacklogKpi;
import com.o2cpulse.schema.kpi.ExceptionRecord;
import com.o2cpulse.schema.kpi.FillRateKpi;
import com.o2cpulse.schema.kpi.OrderStatus;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.oracle.ReplayLineParser;
import com.o2cpulse.replayfile.EventJson;
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.testing.FuzzedPayloads;
import com.o2cpulse.testing.FuzzedPayloads.Case;
import com.o2cpulse.testing.FuzzedPayloads.Mutation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of ingest: every hostile payload on an input topic is either decoded into an event that the rest of
 * the topology processes without an exception, or rejected by the input deserializer with a
 * {@link SerializationException} that names a reason (which the deserialization handler puts on the dead-letter
 * topic). Any other outcome would stop a stream thread or dead-letter through the wrong path.
 *
 * <p>And each outcome is the one expected of the case, judged without the production validator: from the bytes
 * alone where the mutation decides it (a short payload, another magic byte, an unknown schema id, a cut or extended
 * record, another stream's event), and otherwise from the Avro-decoded event written as a replay line and read by
 * the oracle's independent {@link ReplayLineParser}: an event it rejects must be dead-lettered as invalid, one it
 * accepts must be processed unless it breaks one of the bounds production adds to KPI-SPEC
 * ({@link #BOUND_BEYOND_THE_SPEC}).
 * The seed and the number of cases can be set with {@code -Do2c.fuzz.seed} and {@code -Do2c.fuzz.cases}.
 */
class FuzzedIngestIT {

    private static final long SEED = Long.getLong("o2c.fuzz.seed", 20_260_523L);
    private static final int CASES = Integer.getInteger("o2c.fuzz.cases", 100_000);
    private static final int ORDERS = 60;
    private static final int FAILURES_SHOWN = 15;
    private static final String PROCESSED = "processed";
    private static final Instant APPENDED_AT = Instant.parse("2026-05-23T12:00:00Z");

    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9][0-9.E+:TZ-]*");
    private static final Pattern LINE = Pattern.compile("on line \\S+");
    private static final Pattern DUPLICATE_LINE = Pattern.compile("lineId .* appears");
    /**
     * The validator's bounds beyond KPI-SPEC's validity rules (EventValidator), which the oracle does not know, as
     * the deserializer words them: identifiers non-blank, at most 200 characters and free of key separators,
     * quantities up to 10^12, times before the year 10000, money that fits.
     */
    private static final Pattern BOUND_BEYOND_THE_SPEC = Pattern.compile("longer than \\d+ characters|contains a key separator"
            + "|missing (lineId|shipmentId|warehouseId|invoiceId|sku)$|is after \\S+$|exceeds \\d+$|is too large$");
    private static final String DEAD_LETTERED = "dead-lettered: ";

    private final Topics topics = Topics.DEFAULT;
    private final TopologySettings settings = new TopologySettings(topics,
            new KpiRules(ZoneId.of("Europe/Berlin"), Duration.ofHours(24)), Duration.ofMillis(100), Duration.ofMinutes(1));
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final O2cSerdes serdes = new O2cSerdes(registry);
    private final ReplayLineParser lines = new ReplayLineParser();
    private final EventJson json = new EventJson();
    /** The deserializer's message for the case just rejected: its category drops the figures a bound names. */
    private String lastReason = "";

    @Test
    void everyFuzzedPayloadIsProcessedOrRejectedByTheDeserializerWithAReason() {
        List<SpecificRecord> events = new Simulator(SEED, Instant.parse("2026-03-01T00:00:00Z")).generate(ORDERS);
        FuzzedPayloads payloads = new FuzzedPayloads(SEED, events,
                event -> serdes.anyValue().serializer().serialize(topics.input(EventStream.of(event)), event),
                registry, foreignSchemaIds());
        Map<EventStream, Deserializer<SpecificRecordBase>> deserializers = new EnumMap<>(EventStream.class);
        for (EventStream stream : EventStream.values()) {
            deserializers.put(stream, serdes.inputEvent(eventClass(stream)).deserializer());
        }
        Map<String, List<SpecificRecordBase>> eventsByOrder = new HashMap<>();
        events.forEach(e -> eventsByOrder.computeIfAbsent(Events.correlationId((SpecificRecordBase) e), k -> new ArrayList<>())
                .add((SpecificRecordBase) e));
        DecodedRecordPath topology = new DecodedRecordPath(settings, serdes);
        Map<Mutation, Map<String, Long>> outcomes = new EnumMap<>(Mutation.class);
        List<String> failures = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();

        long started = System.nanoTime();
        long cpuStarted = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long generating = 0;
        long processing = 0;
        for (int i = 0; i < CASES; i++) {
            long before = System.nanoTime();
            Case fuzzed = payloads.next();
            generating += System.nanoTime() - before;
            long decodingStarted = System.nanoTime();
            String outcome = outcomeOf(fuzzed, deserializers.get(fuzzed.stream()), topology, eventsByOrder, failures);
            if (outcome.equals(PROCESSED)) {
                processing += System.nanoTime() - decodingStarted;
            }
            outcomes.computeIfAbsent(fuzzed.mutation(), m -> new TreeMap<>()).merge(outcome, 1L, Long::sum);
            String mismatch = mismatch(fuzzed, outcome);
            if (mismatch != null && unexpected.size() < FAILURES_SHOWN) {
                unexpected.add("case " + fuzzed.index() + " (" + fuzzed.mutation() + " of "
                        + fuzzed.origin().getSchema().getName() + " to " + fuzzed.stream() + "): " + mismatch);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Duration cpu = Duration.ofNanos(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted);

        System.out.println(report(outcomes, took, cpu) + "\n  generating cases took " + generating / 1_000_000 + " ms, the processed cases "
                + processing / 1_000_000 + " ms");
        assertThat(failures).as("cases neither processed nor rejected with a reason (seed %d)", SEED)
                .isEmpty();
        assertThat(unexpected).as("cases whose outcome is not the one expected of them (seed %d)", SEED).isEmpty();
        Map<String, Long> total = totals(outcomes);
        assertThat(total.get(PROCESSED)).as("valid cases processed").isPositive();
        assertThat(total.get("dead-lettered")).as("hostile cases dead-lettered").isPositive();
    }

    /** Why the outcome is not the one the case calls for; null when it is. */
    private String mismatch(Case fuzzed, String outcome) {
        String expected = expectedOutcome(fuzzed);
        if (expected.equals(PROCESSED)) {
            return outcome.equals(PROCESSED) ? null : "expected to be processed, was " + outcome;
        }
        if (expected.startsWith(DEAD_LETTERED + "invalid") && outcome.equals(PROCESSED)) {
            return "the oracle rejects it (" + expected.substring(DEAD_LETTERED.length()) + ") but it was processed";
        }
        if (expected.startsWith(DEAD_LETTERED + "invalid") || expected.equals(DEAD_LETTERED + "*")) {
            return outcome.startsWith(DEAD_LETTERED) ? null : "expected to be dead-lettered, was " + outcome;
        }
        if (expected.startsWith(DEAD_LETTERED + "or bound ")) {
            boolean beyondTheSpec = outcome.startsWith(DEAD_LETTERED + "invalid") && BOUND_BEYOND_THE_SPEC.matcher(lastReason).find();
            return outcome.equals(PROCESSED) || beyondTheSpec ? null
                    : "valid by the oracle, expected processed or a bound beyond the spec, was " + outcome;
        }
        return outcome.equals(expected) ? null : "expected " + expected + ", was " + outcome;
    }

    /**
     * The outcome the case calls for, from its bytes, the registry and the oracle's line parser: a reason category
     * as {@link #reasonCategory} gives it, {@code dead-lettered: *} for any reason, or {@code processed}.
     */
    private String expectedOutcome(Case fuzzed) {
        byte[] payload = fuzzed.payload();
        if (payload.length < 5) {
            return DEAD_LETTERED + "payload too short";
        }
        if (payload[0] != 0) {
            return DEAD_LETTERED + "unknown magic byte";
        }
        int schemaId = ByteBuffer.wrap(payload, 1, 4).getInt();
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (RuntimeException e) {
            return DEAD_LETTERED + "unknown schema id";
        }
        if (!writer.getFullName().equals(fuzzed.stream().eventClass().getName())) {
            return DEAD_LETTERED + "*"; // another record than the topic's: refused, whatever the words
        }
        SpecificRecord decoded;
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(payload, 5, payload.length - 5, null);
            decoded = new SpecificDatumReader<SpecificRecord>(writer, writer, SpecificData.getForSchema(writer))
                    .read(null, decoder);
            if (!decoder.isEnd()) {
                return DEAD_LETTERED + "trailing bytes";
            }
        } catch (IOException | RuntimeException e) {
            return DEAD_LETTERED + "*"; // not an Avro record of its schema: refused as undecodable
        }
        ReplayLineParser.Parsed parsed;
        try {
            parsed = lines.parse(json.write(decoded));
        } catch (RuntimeException e) {
            return DEAD_LETTERED + "*"; // not even writable as a replay line (a time beyond Instant's range)
        }
        return parsed.accepted() ? DEAD_LETTERED + "or bound beyond the spec, else processed"
                : DEAD_LETTERED + "invalid (" + parsed.rejection() + ")";
    }

    private static Map<String, Long> totals(Map<Mutation, Map<String, Long>> outcomes) {
        Map<String, Long> total = new TreeMap<>();
        outcomes.values().forEach(counts -> counts.forEach((outcome, n) ->
                total.merge(outcome.startsWith("dead-lettered") ? "dead-lettered" : outcome, n, Long::sum)));
        return total;
    }

    private String outcomeOf(Case fuzzed, Deserializer<SpecificRecordBase> deserializer, DecodedRecordPath topology,
            Map<String, List<SpecificRecordBase>> eventsByOrder, List<String> failures) {
        String topic = Topics.DEFAULT.input(fuzzed.stream());
        SpecificRecordBase event;
        try {
            event = deserializer.deserialize(topic, fuzzed.payload());
        } catch (SerializationException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                return fail(failures, fuzzed, "rejected without a reason", e);
            }
            lastReason = e.getMessage();
            return DEAD_LETTERED + reasonCategory(e.getMessage());
        } catch (Throwable e) {
            return fail(failures, fuzzed, "deserializer threw " + e.getClass().getName(), e);
        }
        try {
            topology.process(event, restOfOrder(event, eventsByOrder), APPENDED_AT);
        } catch (Throwable e) {
            return fail(failures, fuzzed, "decoded " + event.getSchema().getName() + " failed in the topology with "
                    + e.getClass().getName(), e);
        }
        return PROCESSED;
    }

    /** The order's other events, as its lifecycle holds them before this one arrives. */
    private static List<SpecificRecordBase> restOfOrder(SpecificRecordBase event, Map<String, List<SpecificRecordBase>> eventsByOrder) {
        List<SpecificRecordBase> order = eventsByOrder.get(Events.correlationId(event));
        if (order == null) {
            return null;
        }
        return order.stream().filter(e -> !Events.eventId(e).equals(Events.eventId(event))).toList();
    }

    private static String fail(List<String> failures, Case fuzzed, String what, Throwable e) {
        if (failures.size() < FAILURES_SHOWN) {
            StringBuilder line = new StringBuilder("case " + fuzzed.index() + " (" + fuzzed.mutation() + " of "
                    + fuzzed.origin().getSchema().getName() + " to " + fuzzed.stream() + "): " + what + ": " + e);
            for (StackTraceElement frame : e.getStackTrace()) {
                if (frame.getClassName().startsWith("com.o2cpulse")) {
                    line.append("\n      at ").append(frame);
                    break;
                }
            }
            failures.add(line.toString());
        } else if (failures.size() == FAILURES_SHOWN) {
            failures.add("...");
        }
        return "FAILED: " + what;
    }

    /** Groups reasons by kind, dropping the ids, numbers and values they quote. */
    static String reasonCategory(String message) {
        if (message.startsWith("invalid ")) {
            String reason = message.substring(message.indexOf(": ") + 2);
            if (reason.length() > 120) {
                reason = reason.substring(0, 120);
            }
            reason = QUOTED.matcher(reason).replaceAll("'…'");
            reason = NUMBER.matcher(reason).replaceAll("N");
            reason = LINE.matcher(reason).replaceAll("on line L");
            return "invalid " + DUPLICATE_LINE.matcher(reason).replaceAll("lineId L appears");
        }
        if (message.contains("too short")) {
            return "payload too short";
        }
        if (message.startsWith("unknown magic byte")) {
            return "unknown magic byte";
        }
        if (message.contains("not found in registry")) {
            return "unknown schema id";
        }
        if (message.contains("followed by unexpected bytes")) {
            return "trailing bytes";
        }
        if (message.startsWith("cannot decode")) {
            String cause = message.substring(message.indexOf(": ", message.indexOf("from topic")) + 2);
            int colon = cause.indexOf(':');
            return "cannot decode: " + (colon < 0 ? cause : cause.substring(0, colon));
        }
        return NUMBER.matcher(message).replaceAll("N");
    }

    private static String report(Map<Mutation, Map<String, Long>> outcomes, Duration took, Duration cpu) {
        StringBuilder report = new StringBuilder("fuzzed ingest: " + CASES + " cases, seed " + SEED + ", "
                + took.toMillis() + " ms (" + cpu.toMillis() + " ms CPU)\n");
        outcomes.forEach((mutation, counts) -> report.append(String.format("  %-20s %s%n", mutation, counts)));
        report.append("  total: ").append(totals(outcomes));
        return report.toString();
    }

    /** Ids of registered schemas that are no input event's: what a producer could wrongly name. */
    private List<Integer> foreignSchemaIds() {
        List<Integer> ids = new ArrayList<>();
        ids.add(registry.register(topics.orderStatus() + "-value", OrderStatus.getClassSchema()));
        ids.add(registry.register(topics.exceptions() + "-value", ExceptionRecord.getClassSchema()));
        ids.add(registry.register("o2c.kpi.fill-rate-value", FillRateKpi.getClassSchema()));
        ids.add(registry.register("o2c.kpi.backlog-value", BacklogKpi.getClassSchema()));
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static Class<SpecificRecordBase> eventClass(EventStream stream) {
        return (Class<SpecificRecordBase>) stream.eventClass();
    }
}
