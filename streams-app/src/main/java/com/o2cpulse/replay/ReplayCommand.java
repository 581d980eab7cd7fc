package com.o2cpulse.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.config.Durations;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.lifecycle.EventValidator;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.lifecycle.InvalidEventException;
import com.o2cpulse.lifecycle.Retention;
import com.o2cpulse.serde.AvroJson;
import com.o2cpulse.replayfile.EventJson;
import com.o2cpulse.replayfile.MalformedLineException;
import com.o2cpulse.topology.TopologySettings;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replay --input events.jsonl --output kpis.jsonl}: the final KPI and order-status values of a replay file. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Runs a replay file (JSON lines, one event per line, arrival order) through the production topology "
                + "and writes the final value of every KPI and order-status key as JSON lines.")
public final class ReplayCommand implements Callable<Integer> {

    private static final int USAGE_ERROR = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, description = "Replay file to read (JSON lines).")
    private Path input;

    @Option(names = "--output", required = true, description = "File to write, one JSON line per KPI and order-status key.")
    private Path output;

    @Option(names = "--business-zone", defaultValue = "UTC", description = "Time zone of business dates (default: ${DEFAULT-VALUE}).")
    private String businessZone;

    @Option(names = "--invoice-sla", defaultValue = "24h", description = "Invoice SLA, e.g. 24h, 90m, PT36H (default: ${DEFAULT-VALUE}).")
    private String invoiceSla;

    @Option(names = "--retention", paramLabel = "DURATION",
            description = "Retire settled orders this long (stream time) after their last event, as production does "
                    + "(retention.horizon, e.g. 90d); their later events are listed under o2c.late-events. Default: keep every order.")
    private String retention;

    @Option(names = "--retention-unsettled", paramLabel = "DURATION", defaultValue = "365d",
            description = "With --retention: the horizon of orders that never settle (default: ${DEFAULT-VALUE}).")
    private String retentionUnsettled;

    @Option(names = "--retention-never-known", paramLabel = "DURATION", defaultValue = "30d",
            description = "With --retention: the horizon of orphan events whose order never arrived (default: ${DEFAULT-VALUE}).")
    private String retentionNeverKnown;

    @Option(names = "--retention-marker", paramLabel = "DURATION", defaultValue = "90d",
            description = "With --retention: how long a retired order's events count as late (default: ${DEFAULT-VALUE}).")
    private String retentionMarker;

    @Option(names = "--state-every", paramLabel = "DURATION",
            description = "Print the size of the state (orders kept, their bytes, retired markers) every DURATION of stream time, e.g. 30d.")
    private String stateEvery;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KpiRules rules;
        Optional<Retention> retirement;
        Optional<Duration> reportEvery;
        try {
            rules = new KpiRules(ZoneId.of(businessZone), Durations.parse(invoiceSla));
            retirement = retention == null ? Optional.empty() : Optional.of(new Retention(Durations.parse(retention),
                    Durations.parse(retentionUnsettled), Durations.parse(retentionNeverKnown), Durations.parse(retentionMarker)));
            reportEvery = stateEvery == null ? Optional.empty() : Optional.of(Durations.parse(stateEvery));
        } catch (RuntimeException e) {
            err.println("replay: invalid setting: " + e.getMessage());
            return USAGE_ERROR;
        }
        if (writesOverInput()) {
            err.println("replay: --output " + output + " is the input file: it would be overwritten; choose another output");
            return USAGE_ERROR;
        }
        long started = System.nanoTime();
        ValidEvents events;
        try {
            events = new ValidEvents(ReplayFileLines.open(input), err);
        } catch (ReplayFileLines.UnusableInputException e) {
            err.println("replay: " + e.getMessage());
            return USAGE_ERROR;
        } catch (IOException e) {
            err.println("replay: cannot read " + input + ": " + e.getMessage());
            return USAGE_ERROR;
        }
        TopologySettings defaults = TopologySettings.DEFAULT;
        TopologySettings keepAll = new TopologySettings(defaults.topics(), rules, defaults.kpiFlushInterval(), defaults.slaCheckInterval());
        TopologySettings settings = retirement.map(keepAll::withRetention).orElse(keepAll);
        Function<SpecificRecordBase, byte[]> producerKey = event -> Events.eventId(event).getBytes(StandardCharsets.UTF_8);
        ReplayResult result;
        try (events) {
            result = reportEvery.isEmpty() ? new Replay(settings).run(events, producerKey)
                    : new Replay(settings).run(events, producerKey, reportEvery.get(), size -> {
                        out.printf("replay: state at %s: %,d orders kept (%,d bytes), %,d retired-order markers, %,d retention-index entries%n",
                                size.streamTime(), size.orders(), size.orderStateBytes(), size.retiredMarkers(), size.indexEntries());
                        out.flush();
                    });
        } catch (IOException | UncheckedIOException e) {
            err.println("replay: cannot read " + input + ": " + e.getMessage());
            return USAGE_ERROR;
        }
        int badLines = events.badLines;
        int keys;
        try {
            keys = write(result);
        } catch (IOException e) {
            err.println("replay: cannot write " + output + ": " + e.getMessage());
            return USAGE_ERROR;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("replay: %d events (%d bad lines skipped), %d keys and %d late events written to %s in %.1f s (%,.0f events/s)%n",
                events.count, badLines, keys, result.lateEvents().size(), output, seconds, events.count / Math.max(seconds, 1e-9));
        out.flush();
        return 0;
    }

    /** Also through links and relative paths: the output is opened for writing only after the whole input is read. */
    private boolean writesOverInput() {
        try {
            return Files.exists(output) && Files.exists(input) && Files.isSameFile(input, output);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The file's valid events, read as the replay takes them, so that memory holds the state and not the input; bad
     * lines are reported with their number and counted on the way.
     */
    private static final class ValidEvents implements Iterable<SpecificRecordBase>, Closeable {
        private final ReplayFileLines lines;
        private final PrintWriter err;
        private final EventJson json = new EventJson();
        private final EventValidator validator = new EventValidator();
        private int badLines;
        private long count;

        ValidEvents(ReplayFileLines lines, PrintWriter err) {
            this.lines = lines;
            this.err = err;
        }

        @Override
        public Iterator<SpecificRecordBase> iterator() {
            return new Iterator<>() {
                private SpecificRecordBase next = advance();

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public SpecificRecordBase next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    SpecificRecordBase current = next;
                    next = advance();
                    return current;
                }
            };
        }

        private SpecificRecordBase advance() {
            try {
                for (ReplayFileLines.Line line = lines.next(); line != null; line = lines.next()) {
                    if (line.malformed()) {
                        badLines++;
                        err.println("replay: line " + line.number() + " skipped: not valid UTF-8 text");
                        continue;
                    }
                    if (line.text().isBlank()) {
                        continue;
                    }
                    try {
                        SpecificRecordBase event = (SpecificRecordBase) json.parse(line.text());
                        validator.validate(event);
                        count++;
                        return event;
                    } catch (MalformedLineException | InvalidEventException e) {
                        badLines++;
                        err.println("replay: line " + line.number() + " skipped: " + e.getMessage());
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    private int write(ReplayResult result) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        int keys = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, SortedMap<String, SpecificRecord>> topic : result.finalValues().entrySet()) {
                for (Map.Entry<String, SpecificRecord> entry : topic.getValue().entrySet()) {
                    ObjectNode line = mapper.createObjectNode();
                    line.put("topic", topic.getKey());
                    line.put("key", entry.getKey());
                    line.set("value", entry.getValue() == null ? null : AvroJson.toJson(entry.getValue()));
                    writer.write(mapper.writeValueAsString(line));
                    writer.newLine();
                    keys++;
                }
            }
            String lateEventTopic = TopologySettings.DEFAULT.topics().lateEvents();
            for (ReplayResult.LateEvent late : result.lateEvents()) {
                ObjectNode line = mapper.createObjectNode();
                line.put("topic", lateEventTopic);
                line.put("key", late.correlationId());
                line.set("value", mapper.readTree(late.json()));
                writer.write(mapper.writeValueAsString(line));
                writer.newLine();
            }
        }
        return keys;
    }
}
