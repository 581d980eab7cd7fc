package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.ops.ApplicationVersion;
import com.o2cpulse.ops.Readiness;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.Topics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of one instance: KPI and order queries answered wherever the data lives, the live KPI stream,
 * health, Prometheus metrics and the dashboard.
 *
 * <pre>
 * GET /api/kpis/{kpi}?scope=&amp;scopeValue=&amp;from=&amp;to=&amp;currency=   all instances' keys, sorted
 * GET /api/kpis/{kpi}/{key}                                       one key (URL-encoded), 404 when absent
 * GET /api/info                                                   version, KPI definitions, business zone, SLA, today
 * GET /api/orders?prefix=&amp;limit=                                   orders whose id starts with prefix, greatest first
 * GET /api/orders/{correlationId}                                 the order status, 404 when unknown
 * GET /api/stream[?snapshot=true]                                 Server-Sent Events: hello, then kpi changes
 * GET /health/live, /health/ready                                 200 UP or 503 DOWN
 * GET /metrics                                                    Prometheus text format
 * GET /internal/...                                               what other instances ask this one
 * GET /                                                           the dashboard; /webjars/ its libraries
 * </pre>
 *
 * Errors, whoever answers them (a route, Javalin for an unknown path, Jetty for a malformed request), are
 * {@code {"error": "..."}}: 400 for a bad request, 401 without the token ({@link AccessControl}), 404 for an unknown
 * key or path, 503 with Retry-After while stores are not queryable (rebalancing, restoring) or the instance holding
 * a key cannot be reached. Every response carries the security headers of {@link JettyEdge}.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String JSON = "application/json";
    private static final String WEBJARS = "META-INF/resources/webjars";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HostInfo self;
    private final HttpApiSettings settings;
    private final PrometheusMeterRegistry registry;
    private final Health health;
    private final KpiQueries kpis;
    private final OrderQueries orders;
    private final ApplicationInfo info;
    private final KpiChangeStream changes;
    private final AccessControl access;
    private final HttpRequestMeter requests;
    private final Javalin app;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param streams            the application's Kafka Streams, configured with {@code application.server} = {@code self}
     * @param self               this instance's {@code application.server}: how other instances reach this API
     * @param consumerProperties Kafka client settings (bootstrap servers, security) for the KPI change stream's
     *                           consumer; group and isolation settings are set here
     */
    public HttpApi(KafkaStreams streams, HostInfo self, Topics topics, KpiRules rules, O2cSerdes serdes,
                   PrometheusMeterRegistry registry, Readiness readiness, Properties consumerProperties,
                   HttpApiSettings settings) {
        this.self = self;
        this.settings = settings;
        this.registry = registry;
        this.health = new Health(readiness);
        PeerClient peers = new PeerClient(settings.peerTimeout(), settings.security(), Counter.builder("o2c.http.peer.unreachable")
                .description("Requests to other instances that got no answer (refused, timed out); a standby answered instead if it could")
                .register(registry));
        CaughtUpCopies caughtUp = new CaughtUpCopies();
        streams.setStandbyUpdateListener(caughtUp);
        LocalStores stores = new LocalStores(streams, self, caughtUp);
        KeyRouter router = new KeyRouter(streams, self, peers, settings.maxStandbyLag());
        this.kpis = new KpiQueries(streams, self, stores, router, peers, settings.maxStandbyLag());
        this.orders = new OrderQueries(streams, self, stores, router, peers, rules, settings.clock());
        this.info = new ApplicationInfo(ApplicationVersion.current(), rules, settings.clock());
        this.changes = new KpiChangeStream(consumerProperties, topics, serdes, self.host() + ":" + self.port(),
                settings.heartbeatInterval());
        this.access = new AccessControl(settings.security());
        this.requests = new HttpRequestMeter(registry);
        Gauge.builder("o2c.http.stream.clients", changes, KpiChangeStream::subscribers)
                .description("Server-Sent-Events clients connected to /api/stream")
                .register(registry);
        this.app = Javalin.create(this::configure);
    }

    /**
     * Starts the HTTP server; returns this. It can answer health probes and route queries at once; the live KPI
     * stream waits for {@link #streamChanges()}, which needs the KPI topics to exist.
     */
    public HttpApi start() {
        app.start();
        LOG.info("HTTP API listening on {}://{}:{} (application.server {}:{}; readers {}, peers {})",
                settings.security().tls() ? "https" : "http", settings.security().bindAddress(), app.port(),
                self.host(), self.port(), settings.security().readerToken().isPresent() ? "need the token" : "open",
                settings.security().peerToken().isPresent() ? "need the peer token" : "open");
        return this;
    }

    /** Starts following the KPI topics for {@code /api/stream}; call once they exist. */
    public void streamChanges() {
        changes.start();
    }

    /** The port the API listens on; the chosen one when the settings asked for port 0. */
    public int port() {
        return app.port();
    }

    /** Server-Sent-Events clients connected now. */
    int streamClients() {
        return changes.subscribers();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            changes.close();
            app.stop();
            LOG.info("HTTP API stopped");
        }
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        new JettyEdge(settings.security(), settings.port()).configure(config);
        config.http.defaultContentType = JSON;
        serveDashboard(config);
        serveWebjars(config);

        RoutesConfig routes = config.routes;
        routes.before(requests::started);
        routes.before(access::check);
        routes.after(requests::finished);
        routes.get("/api/kpis/{kpi}", ctx -> reply(ctx, kpis.list(KpiFilter.parse(ctx.pathParam("kpi"), ctx::queryParam))));
        routes.get("/api/kpis/{kpi}/{key}", ctx -> reply(ctx, kpis.one(ctx.pathParam("kpi"), ctx.pathParam("key"))));
        routes.get("/api/info", ctx -> reply(ctx, info.reply()));
        routes.get("/api/orders", ctx -> reply(ctx, orders.search(prefix(ctx), OrderQueries.searchLimit(ctx.queryParam("limit")))));
        routes.get("/api/orders/{correlationId}", ctx -> reply(ctx, orders.status(ctx.pathParam("correlationId"))));
        routes.sse("/api/stream", client -> changes.subscribe(client, snapshotIfAsked(client)));

        routes.get(KpiQueries.INTERNAL_PATH + "{kpi}", ctx -> {
            KpiFilter filter = KpiFilter.parse(ctx.pathParam("kpi"), ctx::queryParam);
            reply(ctx, ctx.queryParam("partition") == null ? kpis.localList(filter)
                    : kpis.localList(filter, partition(ctx), allowedLag(ctx)));
        });
        routes.get(KpiQueries.INTERNAL_PATH + "{kpi}/{key}", ctx -> reply(ctx,
                kpis.localOne(ctx.pathParam("kpi"), ctx.pathParam("key"), partition(ctx), allowedLag(ctx))));
        routes.get(OrderQueries.INTERNAL_SEARCH_PATH, ctx -> reply(ctx,
                orders.localSearch(prefix(ctx), OrderQueries.searchLimit(ctx.queryParam("limit")))));
        routes.get(OrderQueries.INTERNAL_PATH + "{correlationId}", ctx -> reply(ctx,
                orders.localStatus(ctx.pathParam("correlationId"), partition(ctx), allowedLag(ctx))));

        routes.get("/health/live", ctx -> reply(ctx, health.live()));
        routes.get("/health/ready", ctx -> reply(ctx, health.ready()));
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));

        // Failed requests are counted by status (o2c_http_requests_seconds_count), not logged one by one; only an
        // unexpected failure, a defect, is logged.
        routes.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", AccessControl.CHALLENGE);
            }
            reply(ctx, Reply.of(e));
        });
        routes.exception(InvalidStateStoreException.class, (e, ctx) ->
                reply(ctx, Reply.error(503, "state store not queryable now (rebalancing or restoring); retry")));
        // Javalin's own answers (an unknown path, a method not allowed) in the API's one error shape.
        routes.exception(HttpResponseException.class, (e, ctx) -> reply(ctx, Reply.error(e.getStatus(), e.getMessage())));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
            reply(ctx, Reply.error(500, "internal error"));
        });
    }

    private void serveDashboard(JavalinConfig config) {
        DashboardFiles dashboard = settings.dashboard();
        if (!dashboard.exists()) {
            LOG.warn("No dashboard files at {} ({}); / serves nothing", dashboard.location(),
                    dashboard.onClasspath() ? "classpath" : "directory");
            return;
        }
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = dashboard.location();
            files.location = dashboard.onClasspath() ? Location.CLASSPATH : Location.EXTERNAL;
        });
    }

    /** Javalin refuses to start when no WebJar is on the classpath; then there is simply nothing to serve. */
    private static void serveWebjars(JavalinConfig config) {
        if (HttpApi.class.getClassLoader().getResource(WEBJARS) != null) {
            config.staticFiles.enableWebjars();
        } else {
            LOG.info("No WebJars on the classpath; /webjars/ serves nothing");
        }
    }

    private Supplier<List<String>> snapshotIfAsked(SseClient client) {
        if (!"true".equalsIgnoreCase(client.ctx().queryParam("snapshot"))) {
            return List::of;
        }
        return () -> {
            List<String> events = new ArrayList<>();
            for (KpiFamily family : KpiFamily.values()) {
                try {
                    Reply reply = kpis.list(new KpiFilter(family, null, null, null, null, null));
                    for (JsonNode item : reply.json().path("items")) {
                        events.add(KpiChangeStream.kpiEvent(family, item.path("key").asText(), item.path("value")));
                    }
                } catch (RuntimeException e) {
                    LOG.info("No {} snapshot for a stream client: {}", family.id(), e.getMessage());
                }
            }
            return events;
        };
    }

    private static void reply(Context ctx, Reply reply) {
        ctx.status(reply.status()).contentType(JSON).result(reply.body());
        if (reply.isUnavailable()) {
            ctx.header("Retry-After", Integer.toString(ApiException.RETRY_AFTER_SECONDS));
        }
    }

    private static String prefix(Context ctx) {
        String prefix = ctx.queryParam("prefix");
        return prefix == null ? "" : prefix.strip();
    }

    private static int partition(Context ctx) {
        try {
            return Integer.parseInt(ctx.queryParam("partition"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'partition' must be a partition number");
        }
    }

    private static OptionalLong allowedLag(Context ctx) {
        String maxLag = ctx.queryParam("maxLag");
        if (maxLag == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(maxLag));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'maxLag' must be a number of records");
        }
    }
}
