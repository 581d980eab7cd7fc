package com.o2cpulse.run;

import com.o2cpulse.config.DataDirectoryLock;
import com.o2cpulse.config.Directories;
import com.o2cpulse.config.Setting;
import com.o2cpulse.config.Settings;
import com.o2cpulse.config.SettingsException;
import com.o2cpulse.config.StreamsProperties;
import com.o2cpulse.embedded.EmbeddedKafkaBroker;
import com.o2cpulse.embedded.LoopbackPorts;
import com.o2cpulse.ops.KafkaMeterSelection;
import com.o2cpulse.ops.PrometheusPipelineMetrics;
import com.o2cpulse.ops.Readiness;
import com.o2cpulse.ops.StandardMeters;
import com.o2cpulse.serve.HttpApi;
import com.o2cpulse.serve.HttpApiSettings;
import com.o2cpulse.serve.HttpSecurity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.o2cpulse.serde.InMemorySchemaRegistry;
import com.o2cpulse.serde.SchemaRegistries;
import com.o2cpulse.serde.SchemaRegistryClient;
import com.o2cpulse.serde.OutageRetryingRegistryClient;
import com.o2cpulse.serde.SchemaRegistryAvailability;
import com.o2cpulse.sim.LiveFeed;
import com.o2cpulse.sim.SimulationPosition;
import com.o2cpulse.topology.KpiTopology;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.PipelineMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running o2c-pulse instance: in embedded mode a broker, the mock registry and the simulator beside it; in
 * production mode only the application against an existing cluster. Tests start exactly this.
 */
public final class O2cPulse implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(O2cPulse.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How long a stream thread waits in place for an unreachable registry before it fails and is replaced. */
    private static final Duration REGISTRY_PATIENCE = Duration.ofSeconds(20);
    /** The embedded simulation's position, in the data directory: a restart continues the simulated history. */
    static final String SIMULATION_POSITION_FILE = "simulation.properties";
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "::1", "localhost");

    private final Settings settings;
    private EmbeddedKafkaBroker broker;
    private DataDirectoryLock dataDirectoryLock;
    private String bootstrapServers;
    private KafkaStreams streams;
    private LiveFeed simulator;
    private int httpPort;
    private final SchemaRegistryAvailability registryAvailability = new SchemaRegistryAvailability();
    private final Readiness readiness = new Readiness(registryAvailability::isUnavailable);
    private final PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private StandardMeters standardMeters;
    private HttpApi httpApi;
    /** The registry client handed in instead of the one {@code schema.registry.url} names; null for that one. */
    private final SchemaRegistryClient givenRegistry;
    private final UnaryOperator<HttpApiSettings> httpApiAdjustment;

    private O2cPulse(Settings settings, SchemaRegistryClient givenRegistry, UnaryOperator<HttpApiSettings> httpApiAdjustment) {
        this.settings = settings;
        this.givenRegistry = givenRegistry;
        this.httpApiAdjustment = httpApiAdjustment;
    }

    /** Starts every part; on failure closes what was started and rethrows. */
    public static O2cPulse start(Settings settings, boolean fresh) {
        return start(new O2cPulse(settings, null, UnaryOperator.identity()), fresh);
    }

    /**
     * The same instance, wired and started the same way, with two collaborators handed in: the schema registry
     * client (one the caller's producers share, instead of the one {@code schema.registry.url} names) and an
     * adjustment of the HTTP API settings the settings give (a dashboard from elsewhere, peer timeouts, heartbeats,
     * a security configuration built in code). The serving integration tests start their instances this way.
     */
    public static O2cPulse start(Settings settings, SchemaRegistryClient registry, UnaryOperator<HttpApiSettings> httpApiAdjustment) {
        return start(new O2cPulse(settings, registry, httpApiAdjustment), false);
    }

    private static O2cPulse start(O2cPulse app, boolean fresh) {
        try {
            app.startParts(fresh);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /**
     * Everything that can fail for a reason outside the application (a directory, the HTTP port, a key store, the
     * cluster) fails here, as a {@link SettingsException} of one line, before the instance creates a topic or joins
     * its group; the HTTP server is up before the group hands this instance any task, so peers never route to an
     * instance that cannot answer yet.
     */
    private void startParts(boolean fresh) {
        if (settings.embedded() || fresh) {
            // The embedded broker's log and the demo's position live there, and --fresh wipes it: one instance at a time.
            dataDirectoryLock = DataDirectoryLock.acquire(settings.dataDir());
        }
        if (fresh) {
            String wiped = Directories.describe(settings.dataDir());
            Directories.deleteAllBut(settings.dataDir(), DataDirectoryLock.lockFile(settings.dataDir()));
            LOG.info("--fresh wiped {}: {}", settings.dataDir().toAbsolutePath(), wiped);
        }
        Directories.requireWritable(settings.stateDir(), Setting.STATE_DIR);
        HttpSecurity httpSecurity = settings.httpSecurity();
        if (settings.embedded()) {
            broker = new EmbeddedKafkaBroker(settings.dataDir().resolve("broker"), settings.brokerPort()).start();
            bootstrapServers = broker.bootstrapServers();
        } else {
            bootstrapServers = settings.get(Setting.BOOTSTRAP_SERVERS);
        }
        O2cSerdes serdes = new O2cSerdes(givenRegistry != null ? givenRegistry : registryClient());
        httpPort = settings.httpPort() == 0 ? LoopbackPorts.freePort() : settings.httpPort();
        KafkaMeterSelection.filters(settings.topics(), settings.keepAllKafkaMeters()).forEach(meterRegistry.config()::meterFilter);
        PipelineMetrics metrics = new PrometheusPipelineMetrics(meterRegistry, settings.topics());
        try {
            streams = new KafkaStreams(KpiTopology.build(settings.topologySettings(), serdes, metrics), streamsProperties(metrics));
        } catch (KafkaException e) {
            throw new SettingsException("cannot create the Kafka Streams clients for " + bootstrapServers + ": " + rootMessage(e));
        }
        streams.setUncaughtExceptionHandler(this::onStreamThreadException);
        readiness.registerOn(streams);
        readiness.bindTo(meterRegistry);
        Gauge.builder("o2c.schema.registry.available", registryAvailability, registry -> registry.isUnavailable() ? 0 : 1)
                .description("1 while the schema registry answers with the configured credentials")
                .register(meterRegistry);
        standardMeters = StandardMeters.bind(meterRegistry, streams);
        HttpApiSettings httpApiSettings = httpApiAdjustment.apply(HttpApiSettings.defaults(httpPort)
                .withMaxStandbyLag(settings.standbyMaxLag()).withSecurity(httpSecurity));
        httpApi = new HttpApi(streams, new HostInfo(settings.get(Setting.ADVERTISED_HOST), httpPort), settings.topics(),
                settings.topologySettings().rules(), serdes, meterRegistry, readiness, clientProperties(), httpApiSettings);
        startHttpServer(httpApiSettings.security());
        warnIfPeersCannotReach(httpApiSettings.security().bindAddress());
        LOG.info("connecting to Kafka at {}; giving up after {} s if no broker answers", bootstrapServers,
                TopicAdmin.KAFKA_WAIT.toSeconds());
        try (Admin admin = createAdmin()) {
            TopicAdmin.ensureTopics(admin, settings);
        }
        httpApi.streamChanges();
        streams.start();
        LOG.info("o2c-pulse {} started against {} ({}, state in {})", settings.applicationId(), bootstrapServers,
                settings.processingGuarantee(), settings.stateDir());
        if (settings.embedded()) {
            startSimulator(serdes);
        }
    }

    private SchemaRegistryClient registryClient() {
        String registryUrl = settings.get(Setting.SCHEMA_REGISTRY_URL);
        // The in-process registry keeps its schemas beside the data that refers to their ids, so restarts resume.
        if (registryUrl.startsWith("mock://")) {
            return InMemorySchemaRegistry.persistentIn(settings.dataDir().resolve("schemas.jsonl"));
        }
        try {
            return new OutageRetryingRegistryClient(SchemaRegistries.connect(registryUrl,
                    settings.schemaRegistryClientSettings(), registryAvailability), registryAvailability, REGISTRY_PATIENCE);
        } catch (IllegalArgumentException e) {
            // An unreadable trust store or a wrong password: the message names the file, never the password.
            throw new SettingsException(Setting.SCHEMA_REGISTRY_URL.key() + ": " + e.getMessage());
        }
    }

    private void startHttpServer(HttpSecurity security) {
        try {
            httpApi.start();
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                throw new SettingsException("cannot listen on " + security.bindAddress() + ":" + httpPort + " ("
                        + Setting.HTTP_PORT.environmentVariable() + ", " + Setting.HTTP_BIND_ADDRESS.environmentVariable()
                        + "): the port is in use or the address is not this host's");
            }
            throw e;
        }
    }

    private void warnIfPeersCannotReach(String bindAddress) {
        String advertised = settings.get(Setting.ADVERTISED_HOST);
        boolean listensLocally = LOOPBACK_NAMES.contains(bindAddress);
        if (listensLocally && !LOOPBACK_NAMES.contains(advertised)) {
            LOG.warn("the HTTP server listens on {} only, but other instances are told to call {}: set {} (0.0.0.0, with a "
                    + "peer token) so that they can", bindAddress, advertised, Setting.HTTP_BIND_ADDRESS.environmentVariable());
        }
    }

    /** Kafka clients check their settings, key and trust stores included, when they are made. */
    private Admin createAdmin() {
        try {
            return Admin.create(clientProperties());
        } catch (KafkaException e) {
            throw new SettingsException("cannot create a Kafka client for " + bootstrapServers + ": " + rootMessage(e));
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private Properties streamsProperties(PipelineMetrics metrics) {
        return StreamsProperties.forApplication(settings, bootstrapServers, settings.get(Setting.ADVERTISED_HOST) + ":" + httpPort,
                metrics, registryAvailability);
    }

    /** Connection settings for the application's own clients: bootstrap and security only. */
    private Properties clientProperties() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.kafkaOverrides().forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        return props;
    }

    /**
     * A registry outage is transient: replace the thread, which resumes from the last commit (the handlers have
     * paused before failing it, and the availability has logged the outage once); anything else stops.
     */
    private StreamThreadExceptionResponse onStreamThreadException(Throwable exception) {
        if (SchemaRegistryAvailability.isOutage(exception)) {
            LOG.debug("schema registry unavailable; replacing the stream thread", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        Throwable transactional = transactionFailure(exception);
        if (transactional != null) {
            LOG.warn("stream thread lost its transaction ({}); replacing it to resume from the last commit", transactional.toString());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("stream thread failed; shutting the application down", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /**
     * A transaction the broker aborted or fenced (after a long pause, a broker failover or a timeout) is not a bug:
     * under exactly-once its work is discarded, and a new thread resumes from the last committed offsets.
     */
    private static Throwable transactionFailure(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidTxnStateException || cause instanceof ProducerFencedException
                    || cause instanceof InvalidProducerEpochException || cause instanceof TransactionAbortedException
                    || cause instanceof RetriableException) {
                return cause;
            }
        }
        return null;
    }

    private void startSimulator(O2cSerdes serdes) {
        Properties props = clientProperties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        // Right after topic creation a batch can be refused while leadership settles; with one batch in flight its
        // retry cannot land behind later batches (seen: OutOfOrderSequenceException stopping the demo's feed).
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        KafkaProducer<byte[], SpecificRecord> producer = new KafkaProducer<>(props, new ByteArraySerializer(), serdes.anyValue().serializer());
        settings.topics().inputs().forEach(producer::partitionsFor);
        Path positionFile = settings.dataDir().resolve(SIMULATION_POSITION_FILE);
        SimulationPosition position = SimulationPosition.load(positionFile).orElseGet(() -> SimulationPosition.begin(
                Instant.now(), settings.simulatorHistory(), settings.simulatorOrdersPerSecond()));
        SimulationPosition.Continuation continuation = position.resume();
        simulator = new LiveFeed(producer, settings.topics(), continuation.arrivals(), continuation.clock(),
                settings.simulatorSpeed(), null, sent -> position.withProduced(position.produced() + sent).save(positionFile)).start();
        if (position.produced() == 0) {
            LOG.info("simulator: {} orders per second of event time from {} ago, catching up {}x faster than the wall clock",
                    position.ordersPerSecond(), settings.simulatorHistory(), settings.simulatorSpeed());
        } else {
            LOG.info("simulator: continuing its history after {} events, from {} (simulated time), catching up {}x faster than the wall clock",
                    position.produced(), continuation.clock(), settings.simulatorSpeed());
        }
    }

    /**
     * A dynamic member leaves the group, or the next start waits for its session to time out before the group
     * rebalances and hands the tasks back. A static member ({@code group.instance.id}, the pod name in Kubernetes)
     * stays: its restart within the session timeout gets the same tasks back without any rebalance, so the other
     * instances keep theirs (and keep serving) during a rolling restart.
     */
    static GroupMembershipOperation membershipOnClose(Settings settings) {
        return settings.kafkaOverrides().containsKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
                ? GroupMembershipOperation.REMAIN_IN_GROUP : GroupMembershipOperation.LEAVE_GROUP;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int httpPort() {
        return httpPort;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public HttpApi httpApi() {
        return httpApi;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** Whether the schema registry answers, as this instance's registry client sees it. */
    public SchemaRegistryAvailability registryAvailability() {
        return registryAvailability;
    }

    @Override
    public void close() {
        if (simulator != null) {
            try {
                simulator.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (httpApi != null) {
            httpApi.close();
        }
        if (streams != null) {
            streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(membershipOnClose(settings)));
        }
        if (standardMeters != null) {
            standardMeters.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (dataDirectoryLock != null) {
            dataDirectoryLock.close();
        }
    }
}
