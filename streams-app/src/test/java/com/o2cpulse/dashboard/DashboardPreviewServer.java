package com.o2cpulse.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.o2cpulse.kpi.LatencyHistogram;
import com.o2cpulse.reference.NearestRank;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stand-in for the o2c-pulse HTTP API, for previewing and browser-testing the dashboard without Kafka: serves the
 * dashboard's static files and the uPlot WebJar from the classpath, canned KPI JSON shaped like the API contract
 * ({@code /api/kpis/{kpi}}, {@code /api/kpis/{kpi}/{key}}, {@code /api/orders/{id}}) and an SSE stream
 * ({@code /api/stream}) that moves today's figures every tick. The data is a deterministic, internally consistent
 * three-week history of a distributor (scope all = sum of channels = sum of warehouses).
 *
 * <p>Run it by hand to look at the page: {@code java -cp <test classpath> com.o2cpulse.dashboard.DashboardPreviewServer 8099}
 * (arguments: port, tick milliseconds); add {@code -Do2c.dashboard.dir=streams-app/src/main/resources/dashboard} to
 * serve the page's sources as they are edited.
 */
public final class DashboardPreviewServer implements AutoCloseable {

    static final LocalDate TODAY = LocalDate.parse("2026-11-23");
    static final int DAYS = 21;
    static final long SLA_SECONDS = 24 * 3600;
    static final List<String> CHANNELS = List.of("ECOMMERCE", "EDI", "MARKETPLACE", "FIELD_SALES");
    static final Map<String, String> WAREHOUSE_CURRENCY = linked(
            "W-EAST", "USD", "W-CENTRAL", "USD", "W-WEST", "USD", "W-ROTTERDAM", "EUR", "W-LEIPZIG", "EUR",
            "W-MIDLANDS", "GBP");
    /** Correlation ids the preview knows; {@link #KNOWN_ORDER} has a partial shipment and an open exception. */
    public static final String KNOWN_ORDER = "SO-000123";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random = new Random(42);
    private final Map<CellKey, Cell> cells = new TreeMap<>();
    private final Map<BacklogKey, BacklogCell> backlog = new TreeMap<>();
    private final Map<String, Long> reconciliation = new TreeMap<>();
    private final Map<String, Map<String, Object>> orders = new LinkedHashMap<>();
    /** kpi → key → value as last published. */
    private final Map<String, Map<String, Map<String, Object>>> published = new ConcurrentHashMap<>();
    private final Set<BlockingQueue<String>> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "preview-ticker"));
    private final long tickMillis;
    private volatile boolean paused;
    private boolean ticking;
    private HttpServer server;
    private ExecutorService handlers;
    private int port;

    public DashboardPreviewServer(long tickMillis) {
        this.tickMillis = tickMillis;
        seed();
        publish(false);
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8099;
        long tick = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        DashboardPreviewServer preview = new DashboardPreviewServer(tick);
        preview.start(port);
        System.out.println("Dashboard preview on " + preview.baseUri());
        Thread.currentThread().join();
    }

    // -----------------------------------------------------------------------------------------------------------
    // Lifecycle

    /** Starts on the given loopback port (0: any free port). Restartable after {@link #stopServer()}. */
    public synchronized DashboardPreviewServer start(int wantedPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wantedPort), 64);
        handlers = Executors.newCachedThreadPool(r -> daemon(r, "preview-http"));
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
        if (tickMillis > 0 && !ticking) {
            ticking = true;
            ticker.scheduleAtFixedRate(this::tickQuietly, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Stops serving (drops SSE connections), as an application restart would; {@link #start(int)} again with {@link #port()}. */
    public synchronized void stopServer() {
        if (server != null) {
            for (BlockingQueue<String> client : clients) {
                client.offer(CLOSE);
            }
            server.stop(0);
            handlers.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        stopServer();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** One step of simulated business now: a few shipments, invoices and orders today, pushed over SSE. */
    public synchronized void tick() {
        simulateStep();
        publish(true);
    }

    private void tickQuietly() {
        if (!paused) {
            try {
                tick();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // HTTP

    private static final String CLOSE = "\u0000close";

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", "{\"error\":\"method not allowed\"}");
            } else if (path.equals("/api/stream")) {
                stream(exchange);
            } else if (path.startsWith("/api/kpis/")) {
                kpis(exchange, path.substring("/api/kpis/".length()));
            } else if (path.equals("/api/orders")) {
                searchOrders(exchange);
            } else if (path.equals("/api/info")) {
                send(exchange, 200, "application/json", JSON.writeValueAsString(linked("application", "o2c-pulse",
                        "version", "preview", "kpiDefinitions", "KPI-SPEC v1", "businessZone", "UTC", "invoiceSla", "PT24H",
                        "invoiceSlaSeconds", 86_400, "businessToday", TODAY.toString())));
            } else if (path.startsWith("/api/orders/")) {
                order(exchange, URLDecoder.decode(path.substring("/api/orders/".length()), StandardCharsets.UTF_8));
            } else if (path.startsWith("/api/")) {
                send(exchange, 404, "application/json", "{\"error\":\"not found\"}");
            } else if (path.startsWith("/webjars/")) {
                resource(exchange, "META-INF/resources" + path);
            } else {
                resource(exchange, "dashboard" + (path.equals("/") ? "/index.html" : path));
            }
        }
    }

    private void resource(HttpExchange exchange, String name) throws IOException {
        if (name.contains("..")) {
            send(exchange, 400, "text/plain", "bad path");
            return;
        }
        String devDir = System.getProperty("o2c.dashboard.dir"); // serve the sources while editing them
        java.nio.file.Path devFile = devDir == null || !name.startsWith("dashboard/") ? null
                : java.nio.file.Path.of(devDir, name.substring("dashboard/".length()));
        try (InputStream in = devFile != null && java.nio.file.Files.isRegularFile(devFile)
                ? java.nio.file.Files.newInputStream(devFile) : getClass().getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                send(exchange, 404, "text/plain", "not found: " + name);
                return;
            }
            byte[] body = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType(name));
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) return "text/html; charset=utf-8";
        if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
        if (name.endsWith(".css")) return "text/css; charset=utf-8";
        return "application/octet-stream";
    }

    private void kpis(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        String kpi = slash < 0 ? rest : rest.substring(0, slash);
        Map<String, Map<String, Object>> table = published.get(kpi);
        if (table == null) {
            send(exchange, 404, "application/json", JSON.writeValueAsString(Map.of("error", "unknown kpi " + kpi)));
            return;
        }
        if (slash >= 0) {
            String key = URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8);
            Map<String, Object> value = table.get(key);
            if (value == null) {
                send(exchange, 404, "application/json", JSON.writeValueAsString(Map.of("error", "no key " + key)));
            } else {
                send(exchange, 200, "application/json", JSON.writeValueAsString(linked("key", key, "value", value)));
            }
            return;
        }
        Map<String, String> q = query(exchange.getRequestURI());
        Predicate<Map<String, Object>> filter = v -> matches(q.get("scope"), v.get("scope"))
                && matches(q.get("scopeValue"), v.get("scopeValue"))
                && matches(q.get("currency"), v.get("currency"))
                && (q.get("from") == null || v.get("day") == null || ((String) v.get("day")).compareTo(q.get("from")) >= 0)
                && (q.get("to") == null || v.get("day") == null || ((String) v.get("day")).compareTo(q.get("to")) <= 0);
        List<Map<String, Object>> items = new ArrayList<>();
        new TreeMap<>(table).forEach((key, value) -> {
            if (filter.test(value)) {
                items.add(linked("key", key, "value", value));
            }
        });
        send(exchange, 200, "application/json", JSON.writeValueAsString(linked("kpi", kpi, "items", items)));
    }

    private static boolean matches(String wanted, Object actual) {
        return wanted == null || wanted.isEmpty() || wanted.equals(actual);
    }

    /** As GET /api/orders?prefix=&limit= of the application: greatest id first. */
    private void searchOrders(HttpExchange exchange) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String prefix = query.getOrDefault("prefix", "");
        int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
        List<Map<String, Object>> items;
        synchronized (this) {
            items = orders.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(prefix))
                    .sorted(Map.Entry.<String, Map<String, Object>>comparingByKey().reversed())
                    .limit(limit)
                    .map(entry -> linked("correlationId", entry.getKey(), "status", entry.getValue().get("status"),
                            "channel", entry.getValue().get("channel"), "customerId", entry.getValue().get("customerId"),
                            "orderDay", entry.getValue().get("orderDay"), "placedAt", entry.getValue().get("placedAt")))
                    .toList();
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(linked("prefix", prefix, "items", items)));
    }

    private void order(HttpExchange exchange, String id) throws IOException {
        Map<String, Object> order;
        synchronized (this) {
            order = orders.get(id);
        }
        if (order == null) {
            send(exchange, 404, "application/json", JSON.writeValueAsString(Map.of("error", "no order " + id)));
        } else {
            send(exchange, 200, "application/json", JSON.writeValueAsString(order));
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        OutputStream out = exchange.getResponseBody();
        clients.add(queue);
        try {
            write(out, "retry: 1000\nevent: hello\ndata: {\"server\":\"dashboard-preview\"}\n\n");
            while (true) {
                String message = queue.poll(10, TimeUnit.SECONDS);
                if (CLOSE.equals(message)) {
                    return;
                }
                write(out, message == null ? ": heartbeat\n\n" : message);
            }
        } catch (IOException | InterruptedException e) {
            // client went away or server stopping
        } finally {
            clients.remove(queue);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String part : uri.getRawQuery().split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    // -----------------------------------------------------------------------------------------------------------
    // The simulated business

    private record CellKey(String channel, String warehouse, LocalDate day) implements Comparable<CellKey> {
        public int compareTo(CellKey o) {
            return (channel + warehouse + day).compareTo(o.channel + o.warehouse + o.day);
        }
    }

    private record BacklogKey(String channel, LocalDate day, String currency) implements Comparable<BacklogKey> {
        public int compareTo(BacklogKey o) {
            return (channel + day + currency).compareTo(o.channel + o.day + o.currency);
        }
    }

    /** Counts of one channel, warehouse and day: fill-rate and invoice-latency contributions. */
    private static final class Cell {
        long linesShipped, linesFilled, unitsOrdered, unitsFilled, ordersShipped, ordersFilled;
        long shipments, notInvoiced;
        final List<Long> latencies = new ArrayList<>();
        Instant updatedAt;
    }

    private static final class BacklogCell {
        long openOrders, openLines, openUnits, backorderedUnits;
        BigDecimal openValue = BigDecimal.ZERO.setScale(2);
        Instant updatedAt;
    }

    private static final Map<String, Double> CHANNEL_WEIGHT = Map.of("ECOMMERCE", 0.40, "EDI", 0.30,
            "MARKETPLACE", 0.15, "FIELD_SALES", 0.15);
    private static final Map<String, Double> WAREHOUSE_WEIGHT = Map.of("W-EAST", 0.32, "W-CENTRAL", 0.26,
            "W-WEST", 0.22, "W-ROTTERDAM", 0.08, "W-LEIPZIG", 0.05, "W-MIDLANDS", 0.07);

    private void seed() {
        Instant base = Instant.parse("2026-11-23T08:00:00Z");
        for (int d = DAYS - 1; d >= 0; d--) {
            LocalDate day = TODAY.minusDays(d);
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            // today is in progress: about 40 % of a day's volume so far
            double volume = (weekend ? 0.35 : 1.0) * (d == 0 ? 0.4 : 1.0);
            for (String channel : CHANNELS) {
                for (String warehouse : WAREHOUSE_CURRENCY.keySet()) {
                    int shipments = (int) Math.round(600 * volume * CHANNEL_WEIGHT.get(channel)
                            * WAREHOUSE_WEIGHT.get(warehouse) * (0.85 + 0.3 * random.nextDouble()));
                    Cell cell = cells.computeIfAbsent(new CellKey(channel, warehouse, day), k -> new Cell());
                    cell.updatedAt = base.minusSeconds(86_400L * d - random.nextInt(3600));
                    for (int s = 0; s < shipments; s++) {
                        ship(cell, channel, warehouse, d);
                    }
                    // older shipments are mostly invoiced; recent ones partly
                    invoiceBacklog(cell, channel, d);
                }
                for (String currency : List.of("USD", "EUR", "GBP")) {
                    long orders = Math.round((d == 0 ? 120 : d <= 1 ? 70 : d <= 3 ? 25 : d <= 7 ? 6 : d <= 12 ? 1 : 0)
                            * CHANNEL_WEIGHT.get(channel) * (currency.equals("USD") ? 1.0 : currency.equals("EUR") ? 0.15 : 0.1)
                            * (0.7 + 0.6 * random.nextDouble()));
                    if (orders > 0) {
                        BacklogCell b = backlog.computeIfAbsent(new BacklogKey(channel, day, currency), k -> new BacklogCell());
                        for (int o = 0; o < orders; o++) {
                            openOrder(b, channel);
                        }
                        b.updatedAt = base.minusSeconds(3600L * d + random.nextInt(3600));
                    }
                }
            }
        }
        reconciliation.put("ORPHAN_EVENT", 3L);
        reconciliation.put("UNKNOWN_LINE", 1L);
        reconciliation.put("INVOICED_BEFORE_SHIPPED", 2L);
        reconciliation.put("OVER_SHIPPED_LINE", 0L);
        seedOrders();
    }

    private void ship(Cell cell, String channel, String warehouse, int daysAgo) {
        int lines = channel.equals("EDI") ? 3 + random.nextInt(6) : channel.equals("FIELD_SALES") ? 2 + random.nextInt(6)
                : 1 + random.nextInt(2);
        double shortChance = (warehouse.equals("W-WEST") ? 0.09 : warehouse.equals("W-LEIPZIG") ? 0.12 : 0.035)
                + (channel.equals("EDI") ? 0.02 : 0) + (daysAgo == 0 ? 0.01 : 0);
        boolean orderFilled = true;
        for (int l = 0; l < lines; l++) {
            long qty = channel.equals("EDI") ? 12L * (1 + random.nextInt(10)) : 1 + random.nextInt(channel.equals("FIELD_SALES") ? 30 : 2);
            boolean full = random.nextDouble() >= shortChance;
            long filled = full ? qty : Math.max(0, qty - 1 - random.nextInt((int) Math.max(1, qty / 2)));
            cell.linesShipped++;
            cell.unitsOrdered += qty;
            cell.unitsFilled += filled;
            if (full) {
                cell.linesFilled++;
            } else {
                orderFilled = false;
            }
        }
        cell.ordersShipped++;
        if (orderFilled) {
            cell.ordersFilled++;
        }
        cell.shipments++;
        cell.notInvoiced++;
    }

    private void invoiceBacklog(Cell cell, String channel, int daysAgo) {
        double share = daysAgo == 0 ? 0.55 : daysAgo == 1 ? 0.93 : daysAgo <= 3 ? 0.995 : 1.0;
        long toInvoice = Math.round(cell.notInvoiced * share);
        if (daysAgo == 9 && channel.equals("EDI")) {
            toInvoice = Math.max(0, toInvoice - 2); // two old EDI shipments never billed
        }
        for (long i = 0; i < toInvoice; i++) {
            invoice(cell, channel);
        }
    }

    private void invoice(Cell cell, String channel) {
        if (cell.notInvoiced == 0) {
            return;
        }
        // EDI and field sales bill in nightly batches; web orders are invoiced on shipment confirmation
        double hours = channel.equals("EDI") ? 6 + 14 * random.nextDouble() + (random.nextDouble() < 0.08 ? 20 : 0)
                : channel.equals("FIELD_SALES") ? 2 + 10 * random.nextDouble() + (random.nextDouble() < 0.05 ? 24 : 0)
                : 0.1 + 2.5 * random.nextDouble() * random.nextDouble();
        cell.notInvoiced--;
        cell.latencies.add((long) (hours * 3600));
    }

    private void openOrder(BacklogCell b, String channel) {
        int lines = channel.equals("EDI") ? 3 + random.nextInt(5) : 1 + random.nextInt(3);
        long units = 0;
        for (int l = 0; l < lines; l++) {
            long qty = channel.equals("EDI") ? 12L * (1 + random.nextInt(10)) : 1 + random.nextInt(4);
            units += qty;
            b.openValue = b.openValue.add(BigDecimal.valueOf(50 + random.nextInt(9000), 2).multiply(BigDecimal.valueOf(qty)));
        }
        b.openOrders++;
        b.openLines += lines;
        b.openUnits += units;
        if (random.nextDouble() < 0.12) {
            b.backorderedUnits += Math.max(1, units / 3);
        }
    }

    private void simulateStep() {
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            String channel = pick(CHANNEL_WEIGHT);
            String warehouse = pick(WAREHOUSE_WEIGHT);
            Cell cell = cells.computeIfAbsent(new CellKey(channel, warehouse, TODAY), k -> new Cell());
            if (random.nextDouble() < 0.6) {
                ship(cell, channel, warehouse, 0);
            } else {
                invoice(cell, channel);
            }
            cell.updatedAt = now;
        }
        String channel = pick(CHANNEL_WEIGHT);
        BacklogCell today = backlog.computeIfAbsent(new BacklogKey(channel, TODAY, "USD"), k -> new BacklogCell());
        openOrder(today, channel);
        today.updatedAt = now;
        // now and then an older open order ships complete
        if (random.nextDouble() < 0.25) {
            backlog.entrySet().stream().filter(e -> e.getKey().day().isBefore(TODAY) && e.getValue().openOrders > 0)
                    .skip(random.nextInt(5)).findFirst().ifPresent(e -> shipOneOrder(e.getValue(), now));
        }
        if (random.nextDouble() < 0.1) {
            reconciliation.merge("ORPHAN_EVENT", 1L, Long::sum);
        }
    }

    /** One open order of the cell ships complete: it leaves with an average order's lines, units and value. */
    private static void shipOneOrder(BacklogCell b, Instant now) {
        long lines = Math.max(1, b.openLines / b.openOrders);
        long units = Math.max(1, b.openUnits / b.openOrders);
        BigDecimal value = b.openValue.divide(BigDecimal.valueOf(b.openOrders), 2, java.math.RoundingMode.DOWN);
        b.openOrders--;
        b.openLines = b.openOrders == 0 ? 0 : Math.max(b.openOrders, b.openLines - lines);
        b.openUnits = b.openOrders == 0 ? 0 : Math.max(b.openLines, b.openUnits - units);
        b.openValue = b.openOrders == 0 ? BigDecimal.ZERO.setScale(2) : b.openValue.subtract(value);
        b.backorderedUnits = Math.min(b.backorderedUnits, b.openUnits);
        b.updatedAt = now;
    }

    private String pick(Map<String, Double> weights) {
        double r = random.nextDouble() * weights.values().stream().mapToDouble(Double::doubleValue).sum();
        for (Map.Entry<String, Double> e : new TreeMap<>(weights).entrySet()) {
            r -= e.getValue();
            if (r <= 0) {
                return e.getKey();
            }
        }
        return weights.keySet().iterator().next();
    }

    // -----------------------------------------------------------------------------------------------------------
    // KPI records as the API returns them

    /** Recomputes every KPI record; with push, sends the changed ones (and tombstones) to the SSE clients. */
    private void publish(boolean push) {
        Map<String, Map<String, Map<String, Object>>> next = new LinkedHashMap<>();
        next.put("fill-rate", fillRates());
        next.put("invoice-latency", latencies());
        next.put("backlog", backlogs());
        Map<String, Map<String, Object>> recon = new TreeMap<>();
        Instant reconAt = Instant.parse("2026-11-23T07:12:00Z");
        reconciliation.forEach((type, count) -> {
            if (count > 0) {
                recon.put("type=" + type, linked("type", type, "count", count, "updatedAt", reconAt.toString()));
            }
        });
        next.put("reconciliation", recon);
        for (Map.Entry<String, Map<String, Map<String, Object>>> kpi : next.entrySet()) {
            Map<String, Map<String, Object>> before = published.getOrDefault(kpi.getKey(), Map.of());
            if (push) {
                Instant now = Instant.now();
                for (Map.Entry<String, Map<String, Object>> e : kpi.getValue().entrySet()) {
                    Map<String, Object> old = before.get(e.getKey());
                    if (old == null || !withoutUpdatedAt(old).equals(withoutUpdatedAt(e.getValue()))) {
                        e.getValue().put("updatedAt", now.toString());
                        broadcast(kpi.getKey(), e.getKey(), e.getValue());
                    } else {
                        e.getValue().put("updatedAt", old.get("updatedAt"));
                    }
                }
                for (String gone : before.keySet()) {
                    if (!kpi.getValue().containsKey(gone)) {
                        broadcast(kpi.getKey(), gone, null);
                    }
                }
            }
            published.put(kpi.getKey(), kpi.getValue());
        }
    }

    private static Map<String, Object> withoutUpdatedAt(Map<String, Object> value) {
        Map<String, Object> copy = new HashMap<>(value);
        copy.remove("updatedAt");
        return copy;
    }

    private void broadcast(String kpi, String key, Map<String, Object> value) {
        try {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("kpi", kpi);
            data.put("key", key);
            data.put("value", value);
            String message = "event: kpi\ndata: " + JSON.writeValueAsString(data) + "\n\n";
            for (BlockingQueue<String> client : clients) {
                client.offer(message);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Map<String, Object>> fillRates() {
        Map<String, Cell> sums = aggregate(true);
        Map<String, Map<String, Object>> out = new TreeMap<>();
        sums.forEach((key, c) -> {
            if (c.linesShipped == 0) {
                return;
            }
            String[] parts = parts(key);
            Map<String, Object> v = linked("scope", parts[0], "scopeValue", parts[1], "day", parts[2],
                    "linesShipped", c.linesShipped, "linesFilled", c.linesFilled, "unitsOrdered", c.unitsOrdered,
                    "unitsFilled", c.unitsFilled, "ordersShipped", c.ordersShipped, "ordersFilled", c.ordersFilled,
                    "lineFillRate", rate(c.linesFilled, c.linesShipped), "unitFillRate", rate(c.unitsFilled, c.unitsOrdered),
                    "orderFillRate", rate(c.ordersFilled, c.ordersShipped), "updatedAt", c.updatedAt.toString());
            out.put(key, v);
        });
        return out;
    }

    private Map<String, Map<String, Object>> latencies() {
        Map<String, Cell> sums = aggregate(false);
        Map<String, Map<String, Object>> out = new TreeMap<>();
        sums.forEach((key, c) -> {
            if (c.shipments == 0) {
                return;
            }
            String[] parts = parts(key);
            TreeMap<Long, Long> histogram = new TreeMap<>();
            long sum = 0;
            long overSla = 0;
            for (long l : c.latencies) {
                histogram.merge(LatencyHistogram.bucketOf(l), 1L, Long::sum);
                sum += l;
                if (l > SLA_SECONDS) {
                    overSla++;
                }
            }
            Map<String, Long> histogramJson = new LinkedHashMap<>();
            histogram.forEach((b, n) -> histogramJson.put(Long.toString(b), n));
            out.put(key, linked("scope", parts[0], "scopeValue", parts[1], "day", parts[2],
                    "shipments", c.shipments, "invoiced", (long) c.latencies.size(), "notInvoiced", c.notInvoiced,
                    "overSla", overSla, "latencySumSeconds", sum,
                    "p50Seconds", NearestRank.percentile(histogram, 50),
                    "p90Seconds", NearestRank.percentile(histogram, 90),
                    "p99Seconds", NearestRank.percentile(histogram, 99),
                    "histogram", histogramJson, "updatedAt", c.updatedAt.toString()));
        });
        return out;
    }

    /** Cells summed into scope all, channel and warehouse; order counts only where the spec has them. */
    private Map<String, Cell> aggregate(boolean ordersOnlyForAllAndChannel) {
        Map<String, Cell> sums = new TreeMap<>();
        cells.forEach((k, c) -> {
            for (String[] scope : new String[][] {{"all", "*"}, {"channel", k.channel()}, {"warehouse", k.warehouse()}}) {
                Cell s = sums.computeIfAbsent(scope[0] + "=" + scope[1] + "|day=" + k.day(), x -> new Cell());
                s.linesShipped += c.linesShipped;
                s.linesFilled += c.linesFilled;
                s.unitsOrdered += c.unitsOrdered;
                s.unitsFilled += c.unitsFilled;
                if (!(ordersOnlyForAllAndChannel && scope[0].equals("warehouse"))) {
                    s.ordersShipped += c.ordersShipped;
                    s.ordersFilled += c.ordersFilled;
                }
                s.shipments += c.shipments;
                s.notInvoiced += c.notInvoiced;
                s.latencies.addAll(c.latencies);
                s.updatedAt = s.updatedAt == null || c.updatedAt.isAfter(s.updatedAt) ? c.updatedAt : s.updatedAt;
            }
        });
        return sums;
    }

    private Map<String, Map<String, Object>> backlogs() {
        Map<String, BacklogCell> sums = new TreeMap<>();
        backlog.forEach((k, b) -> {
            for (String[] scope : new String[][] {{"all", "*"}, {"channel", k.channel()}}) {
                BacklogCell s = sums.computeIfAbsent(scope[0] + "=" + scope[1] + "|day=" + k.day() + "|currency=" + k.currency(),
                        x -> new BacklogCell());
                s.openOrders += b.openOrders;
                s.openLines += b.openLines;
                s.openUnits += b.openUnits;
                s.backorderedUnits += b.backorderedUnits;
                s.openValue = s.openValue.add(b.openValue);
                s.updatedAt = s.updatedAt == null || b.updatedAt.isAfter(s.updatedAt) ? b.updatedAt : s.updatedAt;
            }
        });
        Map<String, Map<String, Object>> out = new TreeMap<>();
        sums.forEach((key, b) -> {
            if (b.openOrders == 0) {
                return;
            }
            String[] parts = parts(key);
            out.put(key, linked("scope", parts[0], "scopeValue", parts[1], "day", parts[2], "currency", parts[3],
                    "openOrders", b.openOrders, "openLines", b.openLines, "openUnits", b.openUnits,
                    "openValue", b.openValue.toPlainString(), "backorderedUnits", b.backorderedUnits,
                    "updatedAt", b.updatedAt.toString()));
        });
        return out;
    }

    /** "channel=EDI|day=2026-11-23|currency=USD" → [channel, EDI, 2026-11-23, USD]. */
    private static String[] parts(String key) {
        String[] pieces = key.split("\\|");
        String[] out = new String[4];
        int eq = pieces[0].indexOf('=');
        out[0] = pieces[0].substring(0, eq);
        out[1] = pieces[0].substring(eq + 1);
        out[2] = pieces[1].substring("day=".length());
        out[3] = pieces.length > 2 ? pieces[2].substring("currency=".length()) : null;
        return out;
    }

    private static Double rate(long num, long den) {
        return den == 0 ? null : (double) num / den;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Orders

    private void seedOrders() {
        orders.put(KNOWN_ORDER, order(KNOWN_ORDER, "PARTIALLY_SHIPPED", "EDI", "CUST-00017", "USD", "2026-11-21",
                "2026-11-21T14:05:12Z", "2026-11-21T15:47:40Z", "2026-11-22T09:31:05Z", null, null,
                List.of(line("1", "SKU-10042", 48, "12.40", 48, 0, 48, 0),
                        line("2", "SKU-10977", 120, "3.15", 96, 24, 96, 0),
                        line("3", "SKU-12310", 12, "249.00", 12, 0, 0, 0)),
                List.of("UNKNOWN_LINE:line=9")));
        orders.put("SO-000042", order("SO-000042", "INVOICED", "ECOMMERCE", "CUST-08123", "USD", "2026-11-22",
                "2026-11-22T10:12:00Z", "2026-11-22T10:14:31Z", "2026-11-22T16:02:44Z", "2026-11-22T16:40:10Z", null,
                List.of(line("1", "SKU-10003", 2, "18.99", 2, 0, 2, 2)), List.of()));
        orders.put("SO-000077", order("SO-000077", "CANCELLED", "MARKETPLACE", "CUST-30512", "EUR", "2026-11-20",
                "2026-11-20T08:00:00Z", null, null, null, "2026-11-20T09:30:00Z",
                List.of(line("1", "SKU-11001", 1, "42.50", 0, 0, 0, 0)), List.of()));
    }

    private static Map<String, Object> line(String lineId, String sku, long ordered, String unitPrice, long allocated,
            long backordered, long shipped, long invoiced) {
        return linked("lineId", lineId, "sku", sku, "ordered", ordered, "unitPrice", unitPrice, "allocated", allocated,
                "backordered", backordered, "shipped", shipped, "invoiced", invoiced);
    }

    private static Map<String, Object> order(String id, String status, String channel, String customer, String currency,
            String orderDay, String placedAt, String allocatedAt, String shippedAt, String invoicedAt, String cancelledAt,
            List<Map<String, Object>> lines, List<String> exceptions) {
        return linked("correlationId", id, "status", status, "channel", channel, "customerId", customer,
                "currency", currency, "orderDay", orderDay, "lines", lines, "placedAt", placedAt, "versionAt", placedAt,
                "firstAllocatedAt", allocatedAt, "firstShippedAt", shippedAt, "firstInvoicedAt", invoicedAt,
                "cancelledAt", cancelledAt, "openExceptions", exceptions,
                "updatedAt", Objects.requireNonNullElse(cancelledAt, Objects.requireNonNullElse(shippedAt, placedAt)));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> linked(Object... pairs) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (V) pairs[i + 1]);
        }
        return map;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
