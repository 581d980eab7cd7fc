package com.o2cpulse.bench;

import com.o2cpulse.config.Directories;
import com.o2cpulse.config.Settings;
import com.o2cpulse.serde.SchemaRegistryServer;
import com.o2cpulse.sim.Simulator;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One bench run: its names, its input and the order of the measurements, printed as they come. */
final class BenchRun {

    private static final Logger LOG = LoggerFactory.getLogger(BenchRun.class);

    private static final long INPUT_SEED = 42;

    /** The command's options that shape a run. */
    record Options(int partitions, String guarantee, int streamThreads, int pacedSeconds, double pacedLoad, Duration timeout) {
    }

    private final PrintWriter out;
    private final Admin admin;
    private final String bootstrap;
    private final SchemaRegistryServer registry;
    private final Path dir;
    private final int orders;
    private final int partitions;
    private final String guarantee;
    private final int streamThreads;
    private final int pacedSeconds;
    private final double pacedLoad;
    private final Duration timeout;
    private final String runId = "bench" + Long.toString(System.currentTimeMillis(), 36);
    private final Topics inputs = new Topics(runId + ".");
    /** The same input again, for the unmeasured warm-up runs, so that no measured run shares a topic with them. */
    private final Topics warmUpInputs = new Topics(runId + "-warm-up.");
    // Event times up to about now: older ones would let time retention delete output segments during the run.
    private final Instant simulationStart = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);

    BenchRun(PrintWriter out, Admin admin, String bootstrap, SchemaRegistryServer registry, Path dir, int orders, Options options) {
        this.out = out;
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.dir = dir;
        this.orders = orders;
        this.partitions = options.partitions();
        this.guarantee = options.guarantee();
        this.streamThreads = options.streamThreads();
        this.pacedSeconds = options.pacedSeconds();
        this.pacedLoad = options.pacedLoad();
        this.timeout = options.timeout();
    }

    void execute() throws Exception {
        long events = produceInput(inputs);
        produceInput(warmUpInputs);
        print("before the contestants (broker, registry, nothing running): heap %s MB live, rss %s MB",
                ProcessMemory.megabytes(ProcessMemory.liveHeapBytes()), ProcessMemory.megabytes(ProcessMemory.residentBytes()));
        ThroughputRun warmUp = throughputRun(warmUpInputs, events);
        ThroughputRun throughput = throughputRun(inputs, events);

        // The JIT compiles a contestant's hot code during its first tens of seconds, and a production instance runs for
        // days: each contestant runs once unmeasured, so that every measured run is of compiled code.
        print("warm-up, not counted: copy %,.0f events/s, streams %,.0f events/s, pulse %,.0f events/s",
                warmUp.measure(copyLoop("warm-up-copy", warmUpInputs, events)).eventsPerSecond(),
                warmUp.measure(streamsBaseline("warm-up-streams", warmUpInputs)).eventsPerSecond(),
                warmUp.measure(new PulseContestant("warm-up-pulse", pulseSettings("warm-up-pulse", warmUpInputs))).eventsPerSecond());
        // Otherwise the broker would go on compacting the warm-ups' changelogs and outputs during the measured runs.
        LOG.info("warm-up: deleted its {} topics", BenchTopics.deleteByPrefix(admin, runId + "-warm-up"));

        CopyLoopBaseline copyLoop = copyLoop("copy", inputs, events);
        ThroughputResult copy = report(throughput.measure(copyLoop), copyLoop);
        MinimalStreamsBaseline minimal = streamsBaseline("streams", inputs);
        ThroughputResult streams = report(throughput.measure(minimal), minimal);
        Settings pulseSettings = pulseSettings("pulse", inputs);
        PulseContestant pulseContestant = new PulseContestant("pulse", pulseSettings);
        ThroughputResult pulse = report(throughput.measure(pulseContestant), pulseContestant);
        print("ratios: pulse/copy=%s pulse/streams=%s", BenchSummary.ratio(pulse.eventsPerSecond() / copy.eventsPerSecond()),
                BenchSummary.ratio(pulse.eventsPerSecond() / streams.eventsPerSecond()));

        StateFootprint state = measureState(pulseSettings);
        RestoreComparison restore = measureRestore(pulseSettings);
        long commitMillis = PulseStreamsProperties.commitIntervalMillis(pulseSettings, bootstrap);
        Optional<LatencySummary> latency = measureLatency(pulse.eventsPerSecond(), commitMillis);

        BenchSummary.CpuPerEvent cpu = new BenchSummary.CpuPerEvent(copy.cpuNanosPerEvent(), streams.cpuNanosPerEvent(),
                pulse.cpuNanosPerEvent());
        out.println(new BenchSummary(events, copy.eventsPerSecond(), streams.eventsPerSecond(), pulse.eventsPerSecond(), cpu, latency,
                commitMillis, streamThreads, pulse.bytesPerInputByte(), state.stateBytes() / orders, state.changelogBytes() / orders,
                restore.restore().recordsPerSecond(), restore.raw().recordsPerSecond(), pulse.liveHeapBytes(), pulse.peakRssBytes()).line());
        out.flush();
    }

    private record StateFootprint(double stateBytes, double changelogBytes) {
    }

    private record RestoreComparison(RestoreMeasurement restore, RawChangelogRead raw) {
    }

    /** After a clean close, so that every store has been flushed to disk. */
    private StateFootprint measureState(Settings pulseSettings) throws Exception {
        double stateBytes = Directories.bytes(pulseSettings.stateDir());
        double changelogBytes = TopicSizes.read(admin).bytes(t -> Changelogs.isChangelogOf(pulseSettings.applicationId(), t));
        print("pulse state after a clean close: state directory %,.0f bytes = %,.0f B/order; changelogs %,.0f bytes = %,.0f B/order (%,d orders)",
                stateBytes, stateBytes / orders, changelogBytes, changelogBytes / orders, orders);
        return new StateFootprint(stateBytes, changelogBytes);
    }

    private RestoreComparison measureRestore(Settings pulseSettings) throws Exception {
        RawChangelogRead raw = RawChangelogRead.of(bootstrap, Changelogs.partitions(admin, pulseSettings.applicationId()));
        RestoreMeasurement restore = RestoreMeasurement.of(pulseSettings, bootstrap, registry.registry(), raw.nonEmpty());
        print("pulse restore into a wiped state directory: %,d records in %.2f s = %,.0f records/s; a plain consumer reads the same "
                        + "changelogs (%,d records) at %,.0f records/s; restore/raw=%s", restore.records(), restore.seconds(),
                restore.recordsPerSecond(), raw.records(), raw.recordsPerSecond(),
                BenchSummary.ratio(restore.recordsPerSecond() / raw.recordsPerSecond()));
        return new RestoreComparison(restore, raw);
    }

    private ThroughputRun throughputRun(Topics input, long events) throws Exception {
        return new ThroughputRun(admin, input.inputs(), BenchTopics.partitions(admin, input.inputs()), events, timeout);
    }

    private MinimalStreamsBaseline streamsBaseline(String name, Topics input) throws Exception {
        String outputTopic = runId + "-" + name + ".out";
        BenchTopics.create(admin, List.of(outputTopic), partitions, Map.of());
        return new MinimalStreamsBaseline(name, runId + "-" + name, bootstrap, input, outputTopic,
                new O2cSerdes(registry.registry()), guarantee, streamThreads, defaultRocksDbMemory(), dir.resolve(name));
    }

    /** o2c-pulse reading the bench's input and writing to the outputs of its topic prefix, with state of its own. */
    private Settings pulseSettings(String name, Topics input) {
        return PulseSettings.of(bootstrap, registry.url(), runId + "-" + name, input.prefix(), partitions, dir.resolve(name), guarantee, streamThreads);
    }

    private CopyLoopBaseline copyLoop(String name, Topics input, long events) throws Exception {
        String copyTopic = runId + "-" + name + ".out";
        BenchTopics.create(admin, List.of(copyTopic), partitions, Map.of());
        return new CopyLoopBaseline(name, bootstrap, new O2cSerdes(registry.registry()), input, copyTopic, runId + "-" + name, events);
    }

    private long produceInput(Topics topics) throws Exception {
        BenchTopics.create(admin, topics.inputs(), partitions, Map.of());
        long started = System.nanoTime();
        long sent = 0;
        try (InputProducer producer = new InputProducer(bootstrap, registry.registry(), topics, 10)) {
            var arrivals = new Simulator(INPUT_SEED, simulationStart).arrivals(orders);
            while (arrivals.hasNext()) {
                producer.send(arrivals.next().event());
                sent++;
            }
            producer.flush();
        }
        long stored = BenchTopics.records(admin, BenchTopics.partitions(admin, topics.inputs()));
        if (stored != sent) {
            throw new IllegalStateException("input topics hold " + stored + " records, " + sent + " were sent");
        }
        long bytes = TopicSizes.read(admin).bytes(topics.inputs()::contains);
        print("input %s*: %,d events of %,d orders in %d topics x %d partitions, %,d bytes, produced in %.1f s",
                topics.prefix(), sent, orders, topics.inputs().size(), partitions, bytes, (System.nanoTime() - started) / 1e9);
        return sent;
    }

    private ThroughputResult report(ThroughputResult result, Contestant contestant) {
        String steady = result.steady()
                .map(s -> String.format("%,.0f events/s steady (10-90 %% of the input: %,d events in %.2f s, %d samples)",
                        s.eventsPerSecond(), s.events(), s.window().toNanos() / 1e9, s.samples()))
                .orElse("steady rate n/a (run too short for two samples between 10 and 90 %: raise --events)");
        print("%s: %s; all input processed %.1f s after start; heap %s MB live at the end, rss %s MB peak; "
                        + "wrote %,d bytes = %.2f bytes per input byte; its threads used %.1f us of CPU per event", result.name(), steady,
                result.untilCaughtUp().toMillis() / 1000.0, ProcessMemory.megabytes(result.liveHeapBytes()),
                ProcessMemory.megabytes(result.peakRssBytes()), result.bytesWritten(), result.bytesPerInputByte(),
                result.cpuNanosPerEvent() / 1000);
        contestant.details().ifPresent(details -> print("%s: %s", result.name(), details));
        return result;
    }

    private Optional<LatencySummary> measureLatency(double pulseRate, long commitMillis) throws Exception {
        if (!Double.isFinite(pulseRate) || pacedSeconds <= 0) {
            print("pulse latency: not measured (no steady throughput to pace at, or --paced-seconds 0)");
            return Optional.empty();
        }
        String pacedId = runId + "-paced";
        Settings pacedSettings = PulseSettings.of(bootstrap, registry.url(), pacedId, pacedId + ".", partitions,
                dir.resolve("pulse-paced"), guarantee, streamThreads);
        PacedLatencyRun.Result paced = new PacedLatencyRun(admin, bootstrap, registry.registry(), pacedSettings, partitions, simulationStart, runId)
                .run(pacedLoad * pulseRate, Duration.ofSeconds(pacedSeconds));
        LatencySummary latency = paced.steady();
        print("pulse latency, paced at %,.0f events/s (%.0f %% of its %,.0f/s; %,.0f/s sent, %,d events in %d s, %d probes, %d measured): "
                        + "p50=%s p99=%s max=%s unseen=%d; commit interval %d ms, target p99 <= %d ms: %s",
                paced.targetRate(), pacedLoad * 100, pulseRate, paced.achievedRate(), paced.events(), pacedSeconds, paced.probes(),
                latency.count(), LatencySummary.format(latency.p50()), LatencySummary.format(latency.p99()),
                LatencySummary.format(latency.max()), latency.unseen(), commitMillis, 2 * commitMillis,
                latency.p99() <= 2 * commitMillis ? "met" : "missed");
        PrometheusHistogram app = paced.appHistogram();
        print("pulse latency run: p50 of the first half of the measured probes %s, of the second half %s (a rise means the rate "
                        + "was not sustainable); %,d events in flight when the feed ended (%.1f s of feed); the application's own "
                        + "histogram %s (append -> KPI published, before its commit, whole run incl. warm-up, %,d KPI changes): "
                        + "p50 <= %s, p99 <= %s",
                LatencySummary.format(paced.firstHalf().p50()), LatencySummary.format(paced.secondHalf().p50()),
                paced.inFlightAtEnd(), paced.inFlightAtEnd() / paced.targetRate(), PacedLatencyRun.END_TO_END_METRIC, app.count(),
                bucketMillis(app.upperBound(0.50)), bucketMillis(app.upperBound(0.99)));
        print("latency = when a read_committed consumer first gets a KPI record caused by a probe event - the broker's append "
                + "time of that event (LogAppendTime); probes are placed orders, each on a business day of its own, so the KPI key "
                + "names the event; first and last tenth of the probes left out");
        return Optional.of(latency);
    }

    private static String bucketMillis(Optional<Double> seconds) {
        return seconds.map(s -> Double.isInfinite(s) ? "+Inf" : Math.round(s * 1000) + "ms").orElse("n/a");
    }

    private long defaultRocksDbMemory() {
        return Settings.load(null, Map.of(), Map.of(), Map.of()).rocksDbMemoryBytes();
    }

    private void print(String format, Object... args) {
        out.printf("bench: " + format + "%n", args);
        out.flush();
    }
}
