package com.o2cpulse.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every o2c-pulse setting: its key in a properties file, its environment variable ({@code O2C_} + the key in upper
 * case with {@code _} for {@code .}), its default and what it does. The README's settings table is this enum.
 */
public enum Setting {
    BOOTSTRAP_SERVERS("bootstrap.servers", "", "Kafka cluster to connect to; empty runs the embedded broker, the mock registry and the simulator."),
    SCHEMA_REGISTRY_URL("schema.registry.url", "mock://o2c-pulse", "Schema Registry URL(s), comma-separated; mock:// is an in-process registry kept in <data.dir>/schemas.jsonl."),
    SCHEMA_REGISTRY_BASIC_AUTH("schema.registry.basic.auth.user.info", "", "user:password for the Schema Registry (never logged)."),
    SCHEMA_REGISTRY_TRUSTSTORE("schema.registry.ssl.truststore.location", "", "Truststore for an https Schema Registry."),
    SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD("schema.registry.ssl.truststore.password", "", "Its password (never logged)."),
    APPLICATION_ID("application.id", "o2c-pulse", "Kafka Streams application id: instances with the same id share the work."),
    TOPIC_PREFIX("topic.prefix", "o2c.", "Prefix of every topic name (o2c.orders, o2c.kpi.fill-rate, ...)."),
    BUSINESS_ZONE("business.zone", "UTC", "Time zone of business dates (KPI days)."),
    INVOICE_SLA("invoice.sla", "24h", "Invoice SLA: latency above it counts as overSla and raises a breach."),
    PROCESSING_GUARANTEE("processing.guarantee", "exactly_once_v2", "exactly_once_v2 or at_least_once (see README)."),
    DATA_DIR("data.dir", "o2c-data", "Directory of the embedded broker's log and the state stores."),
    STATE_DIR("state.dir", "", "Kafka Streams state directory; default <data.dir>/streams."),
    HTTP_PORT("http.port", "8080", "Port of the dashboard, HTTP API, health and metrics."),
    ADVERTISED_HOST("advertised.host", "localhost", "Host name other instances use to reach this one's HTTP API."),
    BROKER_PORT("broker.port", "0", "Port of the embedded broker; 0 picks a free one."),
    CREATE_TOPICS("create.topics", "false", "Create missing topics at start (always true with the embedded broker)."),
    TOPIC_PARTITIONS("topic.partitions", "6", "Partitions of topics created by o2c-pulse."),
    TOPIC_REPLICATION_FACTOR("topic.replication.factor", "-1", "Replication factor of created topics; -1 uses the broker default."),
    RETENTION_HORIZON("retention.horizon", "90d", "Stream time after a settled order's last event when its state is retired; later events for it go to o2c.late-events."),
    RETENTION_UNSETTLED_HORIZON("retention.unsettled.horizon", "365d", "The same for a known order that never settles (not shipped in full, or a shipment never invoiced)."),
    RETENTION_NEVER_KNOWN_HORIZON("retention.never.known.horizon", "30d", "The same for orphan events whose order never arrived; their orphan counts stay as they were."),
    RETENTION_MARKER_PERIOD("retention.marker.period", "90d", "How long a retired order's marker sends its events to o2c.late-events; after it, they count as a new order's."),
    KPI_FLUSH_INTERVAL("kpi.flush.interval", "100ms", "How often each task sends its pre-aggregated KPI deltas and the status of orders that changed; each send goes out with the next commit, or after twice this where commits are rarer."),
    ROCKSDB_MEMORY_MB("rocksdb.memory.mb", "64", "RocksDB block cache and write buffers shared by all stores of the instance."),
    STATE_CACHE_MB("state.cache.mb", "64", "Record cache in front of the state stores, on the heap, shared by the stream threads; one too small for a commit interval's changes writes each through and processes several times slower."),
    SIMULATOR_RATE("simulator.orders.per.second", "0.1", "Orders per simulated second of the embedded simulator (0.1: about 8,600 orders a day, 5 events each)."),
    SIMULATOR_HISTORY("simulator.history", "24h", "How far in the past the embedded simulation starts; it catches up with now, then runs in real time."),
    SIMULATOR_SPEED("simulator.speed", "3600", "How much faster than the wall clock the simulation catches up (3600: a day of history in 24 seconds)."),
    STANDBY_LAG("query.standby.max.lag", "10000", "Records a standby may lag and still answer queries when the active host is down."),
    // The HTTP edge: where it listens, TLS, and who may read (README "Securing the HTTP API").
    HTTP_BIND_ADDRESS("http.bind.address", "127.0.0.1", "Address the HTTP server listens on; the default answers this host only, 0.0.0.0 every interface (needs http.peer.token)."),
    HTTP_KEYSTORE("http.ssl.keystore.location", "", "PKCS12 or JKS key store of the HTTP server's certificate; set, the server speaks only HTTPS."),
    HTTP_KEYSTORE_PASSWORD("http.ssl.keystore.password", "", "Password of that key store and its key (never logged)."),
    HTTP_TRUSTSTORE("http.ssl.truststore.location", "", "Trust store for HTTPS calls to other instances; empty trusts the JDK's CAs."),
    HTTP_TRUSTSTORE_PASSWORD("http.ssl.truststore.password", "", "Password of that trust store (never logged)."),
    HTTP_AUTH_TOKEN("http.auth.token", "", "Token readers must send (Authorization: Bearer, or Basic with any user name); empty leaves the API open (never logged)."),
    HTTP_AUTH_TOKEN_FILE("http.auth.token.file", "", "File holding the reader token instead (a mounted secret)."),
    HTTP_PEER_TOKEN("http.peer.token", "", "Token instances send each other; /internal/* answers only it. Required unless the server binds a loopback address (never logged)."),
    HTTP_PEER_TOKEN_FILE("http.peer.token.file", "", "File holding the peer token instead (a mounted secret)."),
    HTTP_AUTH_METRICS("http.auth.metrics", "false", "Whether /metrics needs the reader token too; health endpoints never do."),
    // Operations (README "Operating it").
    METRICS_KAFKA_ALL("metrics.kafka.all", "false", "Expose every Kafka client and Streams meter on /metrics; by default only those the alerts and the dashboard read.");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String environmentVariable() {
        return "O2C_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean isSecret() {
        return key.contains("password") || key.contains("user.info") || key.endsWith(".token");
    }

    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
