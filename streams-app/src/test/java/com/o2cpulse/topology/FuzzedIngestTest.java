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
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.testing.FuzzedPayloads;
import com.o2cpulse.testing.FuzzedPayloads.Case;
import com.o2cpulse.testing.FuzzedPayloads.Mutation;
import java.lang.management.ManagementFactory;
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
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of ingest: every hostile payload on an input topic is either decoded into an event that the rest of
 * the topology processes without an exception, or rejected by the input deserializer with a
 * {@link SerializationException} that names a reason (which the deserialization handler puts on the dead-letter
 * topic). Any other outcome would stop a stream thread or dead-letter through the wrong path. The seed and the
 * number of cases can be set with {@code -Do2c.fuzz.seed} and {@code -Do2c.fuzz.cases}.
 */
class FuzzedIngestTest {

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

    private final Topics topics = Topics.DEFAULT;
    private final TopologySettings settings = new TopologySettings(topics,
            new KpiRules(ZoneId.of("Europe/Berlin"), Duration.ofHours(24)), Duration.ofMillis(100), Duration.ofMinutes(1));
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final O2cSerdes serdes = new O2cSerdes(registry);

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
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Duration cpu = Duration.ofNanos(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted);

        System.out.println(report(outcomes, took, cpu) + "\n  generating cases took " + generating / 1_000_000 + " ms, the processed cases "
                + processing / 1_000_000 + " ms");
        assertThat(outcomes.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum())
                .isEqualTo(CASES);
        assertThat(failures).as("cases neither processed nor rejected with a reason (seed %d)", SEED)
                .isEmpty();
    }

    private static String outcomeOf(Case fuzzed, Deserializer<SpecificRecordBase> deserializer, DecodedRecordPath topology,
            Map<String, List<SpecificRecordBase>> eventsByOrder, List<String> failures) {
        String topic = Topics.DEFAULT.input(fuzzed.stream());
        SpecificRecordBase event;
        try {
            event = deserializer.deserialize(topic, fuzzed.payload());
        } catch (SerializationException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                return fail(failures, fuzzed, "rejected without a reason", e);
            }
            return "dead-lettered: " + reasonCategory(e.getMessage());
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
        Map<String, Long> total = new TreeMap<>();
        outcomes.forEach((mutation, counts) -> {
            report.append(String.format("  %-20s %s%n", mutation, counts));
            counts.forEach((outcome, n) -> total.merge(outcome.startsWith("dead-lettered") ? "dead-lettered" : outcome, n, Long::sum));
        });
        report.append("  total: ").append(total);
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
