package com.o2cpulse.run;

import com.o2cpulse.config.Setting;
import com.o2cpulse.config.Settings;
import com.o2cpulse.config.SettingsException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import sun.misc.Signal;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: the application; with no Kafka configured, an embedded broker, registry and simulator beside it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs o2c-pulse. Without a bootstrap server it starts an embedded Kafka broker, an in-process schema "
                + "registry and a simulated live order stream, so the dashboard shows live KPIs at once. "
                + "Every setting can also be given as an O2C_* environment variable or in a --config file; "
                + "Kafka client and Streams settings as KAFKA_* variables or --kafka-config.")
public final class RunCommand implements Callable<Integer> {

    static final int USAGE_ERROR = 2;
    /** Kafka Streams failed while running (a stream thread died of a non-transient error, a full disk...). */
    static final int FAILED = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of o2c settings (and kafka.* settings).")
    private Path configFile;

    @Option(names = "--fresh", description = "Wipe the data directory (embedded broker and state) before starting.")
    private boolean fresh;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka cluster; no simulator runs against it.")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema Registry URL (default mock://o2c-pulse).")
    private String schemaRegistryUrl;

    @Option(names = "--create-topics", description = "Create missing topics (partitions and replication from settings).")
    private boolean createTopics;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP port (default 8080; 0 picks a free one).")
    private String httpPort;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default o2c-data).")
    private String dataDir;

    @Option(names = "--processing-guarantee", paramLabel = "MODE", description = "exactly_once_v2 (default) or at_least_once.")
    private String processingGuarantee;

    @Option(names = "--kafka-config", paramLabel = "KEY=VALUE", description = "A Kafka client or Streams setting; repeatable.")
    private Map<String, String> kafkaConfig = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings;
        try {
            settings = Settings.load(configFile, System.getenv(), options(), kafkaConfig);
        } catch (SettingsException e) {
            err.println("o2c-pulse: " + e.getMessage());
            err.flush();
            return USAGE_ERROR;
        }
        O2cPulse app;
        try {
            app = O2cPulse.start(settings, fresh);
        } catch (SettingsException e) {
            err.println("o2c-pulse: " + e.getMessage());
            err.flush();
            return USAGE_ERROR;
        }
        // SIGTERM and SIGINT stop the application from here, so that a clean stop exits 0 (a JVM ended by the
        // signal itself exits 143 even after its shutdown hooks ran).
        CountDownLatch stop = new CountDownLatch(1);
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), received -> stop.countDown());
        }
        // A failed Kafka Streams stops the process too: an instance that stays up without processing is only
        // noticed by its liveness probe, and a process supervisor restarts only what exits.
        app.readiness().failed().thenRun(stop::countDown);
        app.readiness().firstReady().thenRun(() -> {
            out.printf("o2c-pulse is ready %.1f s after start: dashboard http://localhost:%d/ , API http://localhost:%d/api/kpis/fill-rate , Kafka %s%n",
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1e3, app.httpPort(), app.httpPort(), app.bootstrapServers());
            out.flush();
        });
        stop.await();
        long stopping = System.nanoTime();
        app.close();
        if (app.readiness().failed().isDone()) {
            err.println("o2c-pulse: Kafka Streams failed (the ERROR logged above says why); closed and exiting with " + FAILED);
            err.flush();
            return FAILED;
        }
        out.printf("o2c-pulse stopped in %.1f s%n", (System.nanoTime() - stopping) / 1e9);
        out.flush();
        return 0;
    }

    private Map<Setting, String> options() {
        Map<Setting, String> options = new EnumMap<>(Setting.class);
        putIfGiven(options, Setting.BOOTSTRAP_SERVERS, bootstrapServers);
        putIfGiven(options, Setting.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        putIfGiven(options, Setting.HTTP_PORT, httpPort);
        putIfGiven(options, Setting.DATA_DIR, dataDir);
        putIfGiven(options, Setting.PROCESSING_GUARANTEE, processingGuarantee);
        if (createTopics) {
            options.put(Setting.CREATE_TOPICS, "true");
        }
        return options;
    }

    private static void putIfGiven(Map<Setting, String> options, Setting setting, String value) {
        if (value != null) {
            options.put(setting, value);
        }
    }
}
