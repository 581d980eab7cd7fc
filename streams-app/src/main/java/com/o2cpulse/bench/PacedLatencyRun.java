package com.o2cpulse.bench;

import com.o2cpulse.config.Settings;
import com.o2cpulse.run.O2cPulse;
import com.o2cpulse.serde.SchemaRegistryClient;
import com.o2cpulse.sim.Simulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event → KPI-visible latency of o2c-pulse under a steady, sustainable load: a fresh instance (own application id,
 * topics and state) is fed simulated events at a fixed rate, open loop (each event is due at start + i / rate,
 * whether or not the application keeps up, so a stall shows as latency instead of slowing the feed). Interleaved
 * are {@link ProbeEvents probes}, at most {@link #PROBES_PER_SECOND} a second. Latency of a probe = wall-clock
 * time at which a read_committed consumer first got a KPI record naming the probe's day − the broker's append time
 * of the probe (its input topics use LogAppendTime, so the producer's acknowledgement carries it; broker and
 * bench share a clock when the broker is embedded). Probes of the first and last tenth are left out.
 */
final class PacedLatencyRun {

    private static final Logger LOG = LoggerFactory.getLogger(PacedLatencyRun.class);
    static final int PROBES_PER_SECOND = 20;
    /** Another seed than the throughput input's: the latency run has topics of its own anyway. */
    private static final long SEED = 7;
    /** Probes are at most this share of the events, so that they do not change the workload. */
    static final int MIN_EVENTS_PER_PROBE = 50;
    private static final Duration START_PATIENCE = Duration.ofMinutes(2);
    private static final Duration DRAIN_PATIENCE = Duration.ofSeconds(60);
    static final String END_TO_END_METRIC = "o2c_end_to_end_latency_seconds";

    /**
     * @param targetRate    events per second asked for
     * @param achievedRate  events per second actually sent
     * @param events        events sent, probes included
     * @param probes        probes sent
     * @param steady        latencies of the probes between the first and last tenth
     * @param firstHalf     the first half of those: a second half much slower means the rate was not sustainable
     * @param secondHalf    the second half
     * @param inFlightAtEnd events sent but not yet through the pipeline when the feed ended: about rate × latency
     *                      when the application keeps up
     * @param appHistogram  the application's own end-to-end histogram (append → KPI published, before its commit)
     */
    record Result(double targetRate, double achievedRate, long events, int probes, LatencySummary steady, LatencySummary firstHalf,
                  LatencySummary secondHalf, long inFlightAtEnd, PrometheusHistogram appHistogram) {
    }

    private final Admin admin;
    private final String bootstrap;
    private final SchemaRegistryClient registry;
    private final Settings settings;
    private final int partitions;
    private final Instant simulationStart;
    private final String runId;

    PacedLatencyRun(Admin admin, String bootstrap, SchemaRegistryClient registry, Settings settings, int partitions,
                    Instant simulationStart, String runId) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.settings = settings;
        this.partitions = partitions;
        this.simulationStart = simulationStart;
        this.runId = runId;
    }

    Result run(double rate, Duration duration) throws Exception {
        List<String> inputs = settings.topics().inputs();
        BenchTopics.create(admin, inputs, partitions, Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
        int eventsPerProbe = Math.max(MIN_EVENTS_PER_PROBE, (int) Math.ceil(rate / PROBES_PER_SECOND));
        long plannedEvents = (long) Math.ceil(rate * duration.toNanos() / 1e9);
        ProbeLedger ledger = new ProbeLedger((int) Math.min(ProbeDays.MAX_PROBES, plannedEvents / eventsPerProbe + 1));
        try (O2cPulse pulse = O2cPulse.start(settings, true)) {
            awaitRunning(pulse);
            List<String> kpiTopics = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(settings.topicPrefix() + "kpi.")).sorted().toList();
            try (KpiVisibilityWatcher watcher = new KpiVisibilityWatcher(bootstrap, kpiTopics, ledger);
                 InputProducer producer = new InputProducer(bootstrap, registry, settings.topics(), 5)) {
                watcher.start(START_PATIENCE);
                LOG.info("latency run: {} events/s for {} s, a probe every {} events", Math.round(rate), duration.toSeconds(), eventsPerProbe);
                Feed feed = feed(producer, ledger, rate, duration, eventsPerProbe);
                long inFlight = feed.events() - new GroupProgress(admin, settings.applicationId(), BenchTopics.partitions(admin, inputs),
                        Optional.of(settings.applicationId() + "-")).read().progress();
                awaitProbes(ledger, feed.probes(), watcher, pulse);
                return summarise(feed, ledger, rate, inFlight, PrometheusHistogram.parse(scrapeMetrics(pulse), END_TO_END_METRIC));
            }
        }
    }

    private record Feed(long events, int probes, double achievedRate) {
    }

    /** Sends events on schedule, every {@code eventsPerProbe}-th a probe, and waits until all are acknowledged. */
    private Feed feed(InputProducer producer, ProbeLedger ledger, double rate, Duration duration, int eventsPerProbe) {
        ProbeEvents probes = new ProbeEvents(SEED, simulationStart, runId);
        Iterator<SpecificRecord> simulated = new Simulator(SEED, simulationStart).stream().iterator();
        long nanosPerEvent = (long) (1e9 / rate);
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        long sent = 0;
        int probesSent = 0;
        for (long due = started; due < end; due = started + sent * nanosPerEvent) {
            LockSupport.parkNanos(due - System.nanoTime());
            if (sent % eventsPerProbe == eventsPerProbe / 2 && probesSent < ledger.capacity()) {
                int probe = probesSent++;
                producer.send(probes.probe(probe), (metadata, exception) -> {
                    if (exception == null) {
                        ledger.appended(probe, metadata.timestamp());
                    }
                });
            } else {
                producer.send(simulated.next());
            }
            sent++;
        }
        double achieved = sent / ((System.nanoTime() - started) / 1e9);
        producer.flush();
        return new Feed(sent, probesSent, achieved);
    }

    private static Result summarise(Feed feed, ProbeLedger ledger, double rate, long inFlight, PrometheusHistogram appHistogram) {
        int from = feed.probes() / 10;
        int to = feed.probes() - feed.probes() / 10;
        int middle = (from + to) / 2;
        if (middle - from < 1) {
            throw new IllegalStateException("only " + feed.probes() + " probes were sent: lengthen --paced-seconds");
        }
        return new Result(rate, feed.achievedRate(), feed.events(), feed.probes(), LatencySummary.of(ledger.latencies(from, to)),
                LatencySummary.of(ledger.latencies(from, middle)), LatencySummary.of(ledger.latencies(middle, to)), inFlight, appHistogram);
    }

    private static String scrapeMetrics(O2cPulse pulse) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + pulse.httpPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitRunning(O2cPulse pulse) throws TimeoutException {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (pulse.streams().state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("o2c-pulse not RUNNING after " + START_PATIENCE.toSeconds() + " s: " + pulse.streams().state());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** After the feed, gives the last probes time to come through; those that never do count as unseen. */
    private static void awaitProbes(ProbeLedger ledger, int probes, KpiVisibilityWatcher watcher, O2cPulse pulse) {
        long deadline = System.nanoTime() + DRAIN_PATIENCE.toNanos();
        while (!ledger.allVisible(probes) && System.nanoTime() < deadline) {
            watcher.checkAlive();
            KafkaStreams.State state = pulse.streams().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("o2c-pulse stopped during the latency run: " + state);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
