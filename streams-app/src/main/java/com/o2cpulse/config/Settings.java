package com.o2cpulse.config;

import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.lifecycle.Retention;
import com.o2cpulse.topology.TopologySettings;
import com.o2cpulse.topology.Topics;
import com.o2cpulse.serve.HttpSecurity;
import com.o2cpulse.serve.KeyStoreFile;
import com.o2cpulse.serve.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The application's settings, resolved in this order (later wins): defaults, a properties file, {@code O2C_*}
 * environment variables, command-line options. Kafka client and Streams settings come from {@code KAFKA_*}
 * environment variables (prefix dropped, {@code _} to {@code .}, lower case) and {@code --kafka-config k=v}.
 */
public final class Settings {

    private final Map<Setting, String> values;
    private final Map<String, String> kafka;

    private Settings(Map<Setting, String> values, Map<String, String> kafka) {
        this.values = values;
        this.kafka = kafka;
    }

    /**
     * @param file       optional properties file: o2c keys as in {@link Setting}, Kafka keys prefixed {@code kafka.}
     * @param env        the environment
     * @param options    command-line settings by o2c key
     * @param kafkaFlags command-line Kafka settings
     */
    public static Settings load(Path file, Map<String, String> env, Map<Setting, String> options, Map<String, String> kafkaFlags) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<String, String> kafka = new TreeMap<>();
        for (Setting setting : Setting.values()) {
            values.put(setting, setting.defaultValue());
        }
        if (file != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                props.load(reader);
            } catch (IOException e) {
                throw new SettingsException("cannot read settings file " + file + ": " + e.getMessage());
            }
            for (String key : props.stringPropertyNames()) {
                if (key.startsWith("kafka.")) {
                    kafka.put(key.substring("kafka.".length()), props.getProperty(key));
                } else {
                    values.put(Setting.byKey(key).orElseThrow(() -> new SettingsException("unknown setting '" + key + "' in " + file)),
                            props.getProperty(key));
                }
            }
        }
        for (Setting setting : Setting.values()) {
            String fromEnv = env.get(setting.environmentVariable());
            if (fromEnv != null) {
                values.put(setting, fromEnv);
            }
        }
        env.forEach((name, value) -> {
            if (isKafkaSetting(name)) {
                kafka.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        values.putAll(options);
        kafka.putAll(kafkaFlags);
        Settings settings = new Settings(values, kafka);
        settings.validate();
        return settings;
    }

    private void validate() {
        businessZone();
        invoiceSla();
        kpiFlushInterval();
        httpPort();
        brokerPort();
        intValue(Setting.TOPIC_PARTITIONS, 1, 10_000);
        intValue(Setting.TOPIC_REPLICATION_FACTOR, -1, 32);
        intValue(Setting.ROCKSDB_MEMORY_MB, 8, 1_000_000);
        intValue(Setting.STATE_CACHE_MB, 0, 100_000);
        simulatorOrdersPerSecond();
        simulatorSpeed();
        simulatorHistory();
        standbyMaxLag();
        processingGuarantee();
        httpSecurity();
        keepAllKafkaMeters();
        if (topicPrefix().contains(" ")) {
            throw new SettingsException(Setting.TOPIC_PREFIX.key() + " must not contain spaces");
        }
    }

    public String get(Setting setting) {
        return values.get(setting);
    }

    public boolean embedded() {
        return get(Setting.BOOTSTRAP_SERVERS).isBlank();
    }

    public String applicationId() {
        return get(Setting.APPLICATION_ID);
    }

    public String topicPrefix() {
        return get(Setting.TOPIC_PREFIX);
    }

    public Topics topics() {
        return new Topics(topicPrefix());
    }

    public ZoneId businessZone() {
        try {
            return ZoneId.of(get(Setting.BUSINESS_ZONE));
        } catch (RuntimeException e) {
            throw invalid(Setting.BUSINESS_ZONE, "a time zone such as UTC or Europe/Berlin");
        }
    }

    public Duration invoiceSla() {
        return duration(Setting.INVOICE_SLA);
    }

    public Duration kpiFlushInterval() {
        return duration(Setting.KPI_FLUSH_INTERVAL);
    }

    public Retention retention() {
        try {
            return new Retention(duration(Setting.RETENTION_HORIZON), duration(Setting.RETENTION_UNSETTLED_HORIZON),
                    duration(Setting.RETENTION_NEVER_KNOWN_HORIZON), duration(Setting.RETENTION_MARKER_PERIOD));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("invalid retention: " + e.getMessage());
        }
    }

    public TopologySettings topologySettings() {
        return new TopologySettings(topics(), new KpiRules(businessZone(), invoiceSla()), kpiFlushInterval(), Duration.ofMinutes(1))
                .withRetention(retention());
    }

    public String processingGuarantee() {
        String guarantee = get(Setting.PROCESSING_GUARANTEE);
        if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
            throw invalid(Setting.PROCESSING_GUARANTEE, "exactly_once_v2 or at_least_once");
        }
        return guarantee;
    }

    public Path dataDir() {
        return Path.of(get(Setting.DATA_DIR));
    }

    public Path stateDir() {
        String stateDir = get(Setting.STATE_DIR);
        return stateDir.isBlank() ? dataDir().resolve("streams") : Path.of(stateDir);
    }

    public int httpPort() {
        return intValue(Setting.HTTP_PORT, 0, 65535);
    }

    public int brokerPort() {
        return intValue(Setting.BROKER_PORT, 0, 65535);
    }

    public boolean createTopics() {
        return embedded() || Boolean.parseBoolean(get(Setting.CREATE_TOPICS));
    }

    public int topicPartitions() {
        return intValue(Setting.TOPIC_PARTITIONS, 1, 10_000);
    }

    public int topicReplicationFactor() {
        return intValue(Setting.TOPIC_REPLICATION_FACTOR, -1, 32);
    }

    public long stateCacheBytes() {
        return intValue(Setting.STATE_CACHE_MB, 0, 100_000) * 1024L * 1024L;
    }

    public long rocksDbMemoryBytes() {
        return intValue(Setting.ROCKSDB_MEMORY_MB, 8, 1_000_000) * 1024L * 1024L;
    }

    public double simulatorOrdersPerSecond() {
        try {
            double rate = Double.parseDouble(get(Setting.SIMULATOR_RATE));
            if (rate > 0 && rate <= 100_000) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(Setting.SIMULATOR_RATE, "a number of orders per second between 0 and 100000");
    }

    public Duration simulatorHistory() {
        return duration(Setting.SIMULATOR_HISTORY);
    }

    public double simulatorSpeed() {
        try {
            double speed = Double.parseDouble(get(Setting.SIMULATOR_SPEED));
            if (speed >= 1 && speed <= 100_000) {
                return speed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(Setting.SIMULATOR_SPEED, "a number from 1 to 100000");
    }

    public long standbyMaxLag() {
        return intValue(Setting.STANDBY_LAG, 0, Integer.MAX_VALUE);
    }

    /**
     * Where the HTTP server listens, its TLS and its tokens. By default it answers this host only; an address other
     * hosts can reach needs the peer token, or {@code /internal/*} would serve the stores to anyone. Key stores are
     * read here, so that a wrong password stops the start in one line.
     */
    public HttpSecurity httpSecurity() {
        String bind = get(Setting.HTTP_BIND_ADDRESS).trim();
        Optional<KeyStoreFile> keyStore = storeFile(Setting.HTTP_KEYSTORE, Setting.HTTP_KEYSTORE_PASSWORD);
        Optional<KeyStoreFile> trustStore = storeFile(Setting.HTTP_TRUSTSTORE, Setting.HTTP_TRUSTSTORE_PASSWORD);
        Optional<Secret> readerToken = secret(Setting.HTTP_AUTH_TOKEN, Setting.HTTP_AUTH_TOKEN_FILE);
        Optional<Secret> peerToken = secret(Setting.HTTP_PEER_TOKEN, Setting.HTTP_PEER_TOKEN_FILE);
        if (peerToken.isEmpty() && !isLoopback(bind)) {
            throw new SettingsException(Setting.HTTP_PEER_TOKEN.key() + " (" + Setting.HTTP_PEER_TOKEN.environmentVariable()
                    + ") or " + Setting.HTTP_PEER_TOKEN_FILE.key() + " must be set when the HTTP server listens on " + bind
                    + ": /internal/* serves the stores to other instances only");
        }
        return new HttpSecurity(bind, keyStore, trustStore, readerToken, peerToken, bool(Setting.HTTP_AUTH_METRICS));
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new SettingsException("invalid " + Setting.HTTP_BIND_ADDRESS.key() + " (" + Setting.HTTP_BIND_ADDRESS.environmentVariable()
                    + ") '" + address + "': not an address of this host");
        }
    }

    private Optional<KeyStoreFile> storeFile(Setting location, Setting password) {
        if (get(location).isBlank()) {
            return Optional.empty();
        }
        if (get(password).isEmpty()) {
            throw new SettingsException(password.key() + " (" + password.environmentVariable() + ") must be set with " + location.key());
        }
        KeyStoreFile store = new KeyStoreFile(Path.of(get(location)), Secret.of(get(password)));
        try {
            store.load();
        } catch (IllegalArgumentException e) {
            throw new SettingsException(location.key() + " (" + location.environmentVariable() + "): " + e.getMessage());
        }
        return Optional.of(store);
    }

    /** A secret given either as the value itself or as a file holding it (a trailing line break is not part of it). */
    private Optional<Secret> secret(Setting value, Setting file) {
        boolean given = !get(value).isEmpty();
        boolean inFile = !get(file).isBlank();
        if (given && inFile) {
            throw new SettingsException("set either " + value.environmentVariable() + " or " + file.environmentVariable() + ", not both");
        }
        String secret = get(value);
        if (inFile) {
            try {
                secret = Files.readString(Path.of(get(file))).strip();
            } catch (IOException e) {
                throw new SettingsException("cannot read " + file.key() + " (" + file.environmentVariable() + ") " + get(file)
                        + ": " + e.getClass().getSimpleName());
            }
            if (secret.isEmpty()) {
                throw new SettingsException(file.key() + " (" + file.environmentVariable() + ") " + get(file) + " is empty");
            }
        }
        return secret.isBlank() ? Optional.empty() : Optional.of(Secret.of(secret));
    }

    public boolean keepAllKafkaMeters() {
        return bool(Setting.METRICS_KAFKA_ALL);
    }

    private boolean bool(Setting setting) {
        String value = get(setting).trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(setting, "true or false");
        }
        return Boolean.parseBoolean(value);
    }

    /** Schema registry client settings, by the keys of {@code SchemaRegistries}. */
    public Map<String, String> schemaRegistryClientSettings() {
        Map<String, String> client = new LinkedHashMap<>();
        putIfSet(client, "basic.auth.user.info", Setting.SCHEMA_REGISTRY_BASIC_AUTH);
        putIfSet(client, "ssl.truststore.location", Setting.SCHEMA_REGISTRY_TRUSTSTORE);
        putIfSet(client, "ssl.truststore.password", Setting.SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD);
        return client;
    }

    /** Kafka client and Streams overrides, applied last. */
    public Map<String, String> kafkaOverrides() {
        return kafka;
    }

    /** Every setting with secrets masked, for the start-up log line. */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((setting, value) -> shown.put(setting.key(), setting.isSecret() && !value.isEmpty() ? "*****" : value));
        kafka.forEach((key, value) -> shown.put("kafka." + key, isSecretKafkaKey(key) ? "*****" : value));
        return shown;
    }

    /** KAFKA_HOME and the JVM option variables of Kafka's scripts are not client settings. */
    private static boolean isKafkaSetting(String variable) {
        return variable.startsWith("KAFKA_") && variable.length() > "KAFKA_".length()
                && !variable.equals("KAFKA_HOME") && !variable.endsWith("_OPTS");
    }

    static boolean isSecretKafkaKey(String key) {
        return key.contains("password") || key.contains("jaas") || key.contains("secret") || key.contains("user.info")
                || key.endsWith(".key") || key.contains("credentials");
    }

    private void putIfSet(Map<String, String> target, String key, Setting setting) {
        if (!get(setting).isBlank()) {
            target.put(key, get(setting));
        }
    }

    private Duration duration(Setting setting) {
        try {
            Duration duration = Durations.parse(get(setting));
            if (duration.isNegative()) {
                throw new IllegalArgumentException();
            }
            return duration;
        } catch (IllegalArgumentException e) {
            throw invalid(setting, "a duration such as 24h, 90m, 250ms or PT24H");
        }
    }

    private int intValue(Setting setting, int min, int max) {
        try {
            int value = Integer.parseInt(get(setting).trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(setting, "a whole number from " + min + " to " + max);
    }

    private SettingsException invalid(Setting setting, String expected) {
        String shown = setting.isSecret() ? "*****" : "'" + get(setting) + "'";
        return new SettingsException("invalid " + setting.key() + " (" + setting.environmentVariable() + ") " + shown + ": expected " + expected);
    }
}
