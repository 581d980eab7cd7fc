package com.o2cpulse.oracle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Test oracle: the KPI topics of KPI-SPEC computed in one batch over a whole replay file, written from the
 * specification alone so that the streaming topology can be compared against it.
 *
 * <p>Invalid lines are skipped (see {@link ReplayLineParser}); valid events are de-duplicated by (stream, eventId),
 * the first arrival winning; every KPI is then a function of the final set of events of each correlationId.
 * The result maps each of the four KPI topics to its live records (keys whose counts are all zero are absent, as a
 * tombstone would leave them); values are the Avro records' fields as JSON, {@code updatedAt} omitted.
 */
public final class BatchKpiOracle {

  public static final String FILL_RATE_TOPIC = "o2c.kpi.fill-rate";
  public static final String BACKLOG_TOPIC = "o2c.kpi.backlog";
  public static final String INVOICE_LATENCY_TOPIC = "o2c.kpi.invoice-latency";
  public static final String RECONCILIATION_TOPIC = "o2c.kpi.reconciliation";
  public static final List<String> TOPICS =
      List.of(FILL_RATE_TOPIC, BACKLOG_TOPIC, INVOICE_LATENCY_TOPIC, RECONCILIATION_TOPIC);

  public static final ZoneId DEFAULT_BUSINESS_ZONE = ZoneId.of("UTC");
  public static final Duration DEFAULT_INVOICE_SLA = Duration.ofHours(24);

  public static final String ORPHAN_EVENT = "ORPHAN_EVENT";
  public static final String OVER_SHIPPED_LINE = "OVER_SHIPPED_LINE";
  public static final String OVER_INVOICED_LINE = "OVER_INVOICED_LINE";
  public static final String UNKNOWN_LINE = "UNKNOWN_LINE";
  public static final String INVOICE_WITHOUT_SHIPMENT = "INVOICE_WITHOUT_SHIPMENT";
  public static final String INVOICED_BEFORE_SHIPPED = "INVOICED_BEFORE_SHIPPED";

  /** Shipments in "first" order: (eventTime, shipmentId), ties by eventId. */
  static final Comparator<ReplayEvent> SHIPMENT_ORDER = Comparator.comparingLong(ReplayEvent::eventTimeMillis)
      .thenComparing(ReplayEvent::shipmentId)
      .thenComparing(ReplayEvent::eventId);
  /** Invoices in "first" order: (eventTime, invoiceId), ties by eventId. */
  static final Comparator<ReplayEvent> INVOICE_ORDER = Comparator.comparingLong(ReplayEvent::eventTimeMillis)
      .thenComparing(ReplayEvent::invoiceId)
      .thenComparing(ReplayEvent::eventId);
  /** Order versions: the greatest (eventTime, eventId) is in force. */
  static final Comparator<ReplayEvent> VERSION_ORDER = Comparator.comparingLong(ReplayEvent::eventTimeMillis)
      .thenComparing(ReplayEvent::eventId);

  private final ZoneId businessZone;
  private final Duration invoiceSla;

  public BatchKpiOracle(ZoneId businessZone, Duration invoiceSla) {
    this.businessZone = Objects.requireNonNull(businessZone, "businessZone");
    this.invoiceSla = Objects.requireNonNull(invoiceSla, "invoiceSla");
  }

  /** The KPI topics after every line of the replay file (in arrival order) has been processed. */
  public static Map<String, Map<String, ObjectNode>> compute(List<String> replayLines, ZoneId businessZone,
      Duration invoiceSla) {
    return new BatchKpiOracle(businessZone, invoiceSla).compute(replayLines);
  }

  /** The KPI topics after every line of the replay file (in arrival order) has been processed. */
  public Map<String, Map<String, ObjectNode>> compute(List<String> replayLines) {
    KpiTables tables = new KpiTables();
    for (OrderEvents order : acceptedEvents(replayLines).values()) {
      contribute(order, tables);
    }
    return tables.toJson();
  }

  /** The de-duplicated valid events grouped by correlationId. */
  static Map<String, OrderEvents> acceptedEvents(List<String> replayLines) {
    ReplayLineParser parser = new ReplayLineParser();
    Set<String> applied = new HashSet<>();
    Map<String, OrderEvents> byCorrelationId = new TreeMap<>();
    for (String line : replayLines) {
      ReplayEvent event = parser.parse(line).event();
      if (event == null || !applied.add(event.stream().fileName() + "\u0000" + event.eventId())) {
        continue;
      }
      byCorrelationId.computeIfAbsent(event.correlationId(), OrderEvents::new).add(event);
    }
    return byCorrelationId;
  }

  private void contribute(OrderEvents events, KpiTables tables) {
    Optional<ReplayEvent> version = events.orders.stream().filter(ReplayEvent::isVersion).max(VERSION_ORDER);
    if (version.isEmpty()) {
      tables.reconciliation(ORPHAN_EVENT,
          events.allocations.size() + events.shipments.size() + events.invoices.size());
      return;
    }
    Order order = new Order(events, version.get());
    fillRate(order, tables);
    if (!order.cancelled) {
      backlog(order, tables);
    }
    invoiceLatency(order, tables);
    reconciliation(order, tables);
  }

  private void fillRate(Order order, KpiTables tables) {
    for (ReplayEvent.Line line : order.lines.values()) {
      Optional<ReplayEvent> first = order.events.shipments.stream()
          .filter(s -> s.lists(line.lineId()))
          .min(SHIPMENT_ORDER);
      if (first.isEmpty()) {
        continue;
      }
      long ordered = line.quantity();
      long inFirst = first.get().quantityOf(line.lineId());
      LocalDate day = businessDate(first.get().eventTimeMillis());
      for (KpiTables.FillRate kpi : List.of(
          tables.fillRate(KpiTables.ALL, "*", day),
          tables.fillRate(KpiTables.CHANNEL, order.channel, day),
          tables.fillRate(KpiTables.WAREHOUSE, first.get().warehouseId(), day))) {
        kpi.linesShipped++;
        kpi.unitsOrdered += ordered;
        kpi.unitsFilled += Math.min(inFirst, ordered);
        if (inFirst >= ordered) {
          kpi.linesFilled++;
        }
      }
    }
    if (order.lines.isEmpty() || order.events.shipments.isEmpty()) {
      return;
    }
    ReplayEvent firstShipment = order.events.shipments.stream().min(SHIPMENT_ORDER).orElseThrow();
    boolean filled = order.lines.values().stream()
        .allMatch(line -> firstShipment.quantityOf(line.lineId()) >= line.quantity());
    LocalDate day = businessDate(firstShipment.eventTimeMillis());
    for (KpiTables.FillRate kpi : List.of(
        tables.fillRate(KpiTables.ALL, "*", day),
        tables.fillRate(KpiTables.CHANNEL, order.channel, day))) {
      kpi.ordersShipped++;
      if (filled) {
        kpi.ordersFilled++;
      }
    }
  }

  private void backlog(Order order, KpiTables tables) {
    long openLines = 0;
    long openUnits = 0;
    BigDecimal openValue = BigDecimal.ZERO;
    long backorderedUnits = 0;
    for (ReplayEvent.Line line : order.lines.values()) {
      long shipped = order.shipped(line.lineId());
      if (shipped >= line.quantity()) {
        continue;
      }
      long open = line.quantity() - shipped;
      openLines++;
      openUnits += open;
      openValue = openValue.add(line.money().multiply(BigDecimal.valueOf(open)));
      boolean backordered = order.events.allocations.stream()
          .anyMatch(a -> a.line(line.lineId()).map(l -> l.backordered() > 0).orElse(false));
      if (backordered) {
        backorderedUnits += open;
      }
    }
    if (openLines == 0) {
      return;
    }
    for (KpiTables.Backlog kpi : List.of(
        tables.backlog(KpiTables.ALL, "*", order.orderDay, order.currency),
        tables.backlog(KpiTables.CHANNEL, order.channel, order.orderDay, order.currency))) {
      kpi.openOrders++;
      kpi.openLines += openLines;
      kpi.openUnits += openUnits;
      kpi.openValue = kpi.openValue.add(openValue);
      kpi.backorderedUnits += backorderedUnits;
    }
  }

  private void invoiceLatency(Order order, KpiTables tables) {
    for (ReplayEvent shipment : order.events.shipments) {
      LocalDate day = businessDate(shipment.eventTimeMillis());
      List<KpiTables.InvoiceLatency> kpis = List.of(
          tables.invoiceLatency(KpiTables.ALL, "*", day),
          tables.invoiceLatency(KpiTables.CHANNEL, order.channel, day),
          tables.invoiceLatency(KpiTables.WAREHOUSE, shipment.warehouseId(), day));
      kpis.forEach(kpi -> kpi.shipments++);
      Optional<ReplayEvent> firstInvoice = order.firstInvoiceOf(shipment);
      if (firstInvoice.isEmpty()) {
        kpis.forEach(kpi -> kpi.notInvoiced++);
        continue;
      }
      long elapsedMillis = firstInvoice.get().eventTimeMillis() - shipment.eventTimeMillis();
      if (elapsedMillis < 0) {
        continue;
      }
      long latency = elapsedMillis / 1000;
      boolean overSla = Duration.ofSeconds(latency).compareTo(invoiceSla) > 0;
      long bucket = LatencyBuckets.bucketOf(latency);
      for (KpiTables.InvoiceLatency kpi : kpis) {
        kpi.invoiced++;
        kpi.latencySumSeconds += latency;
        if (overSla) {
          kpi.overSla++;
        }
        kpi.histogram.merge(bucket, 1L, Long::sum);
      }
    }
  }

  private static void reconciliation(Order order, KpiTables tables) {
    for (ReplayEvent.Line line : order.lines.values()) {
      long shipped = order.shipped(line.lineId());
      if (shipped > line.quantity()) {
        tables.reconciliation(OVER_SHIPPED_LINE, 1);
      }
      if (order.invoiced(line.lineId()) > shipped) {
        tables.reconciliation(OVER_INVOICED_LINE, 1);
      }
    }
    Set<String> named = new TreeSet<>();
    for (List<ReplayEvent> stream : List.of(order.events.allocations, order.events.shipments, order.events.invoices)) {
      stream.forEach(event -> named.addAll(event.lines().keySet()));
    }
    named.removeAll(order.lines.keySet());
    tables.reconciliation(UNKNOWN_LINE, named.size());

    Set<String> shipmentIds = new HashSet<>();
    order.events.shipments.forEach(s -> shipmentIds.add(s.shipmentId()));
    tables.reconciliation(INVOICE_WITHOUT_SHIPMENT, order.events.invoices.stream()
        .filter(i -> i.shipmentId() == null || !shipmentIds.contains(i.shipmentId()))
        .count());
    tables.reconciliation(INVOICED_BEFORE_SHIPPED, order.events.shipments.stream()
        .filter(s -> order.firstInvoiceOf(s).map(i -> i.eventTimeMillis() < s.eventTimeMillis()).orElse(false))
        .count());
  }

  private LocalDate businessDate(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), businessZone);
  }

  /** The de-duplicated valid events of one correlationId, by stream. */
  static final class OrderEvents {
    final String correlationId;
    final List<ReplayEvent> orders = new ArrayList<>();
    final List<ReplayEvent> allocations = new ArrayList<>();
    final List<ReplayEvent> shipments = new ArrayList<>();
    final List<ReplayEvent> invoices = new ArrayList<>();

    OrderEvents(String correlationId) {
      this.correlationId = correlationId;
    }

    void add(ReplayEvent event) {
      switch (event.stream()) {
        case ORDER -> orders.add(event);
        case ALLOCATION -> allocations.add(event);
        case SHIPMENT -> shipments.add(event);
        case INVOICE -> invoices.add(event);
        default -> throw new IllegalStateException(event.stream().name());
      }
    }
  }

  /** A known order: its version in force and the figures the KPIs share. */
  private final class Order {
    final OrderEvents events;
    final String channel;
    final String currency;
    /** Lines of the version in force with quantity > 0, by lineId. */
    final Map<String, ReplayEvent.Line> lines = new LinkedHashMap<>();
    final LocalDate orderDay;
    final boolean cancelled;
    private final Map<String, Long> shipped = new HashMap<>();
    private final Map<String, Long> invoiced = new HashMap<>();

    Order(OrderEvents events, ReplayEvent version) {
      this.events = events;
      this.channel = version.channel();
      this.currency = version.currency();
      version.lines().values().stream().filter(l -> l.quantity() > 0).forEach(l -> lines.put(l.lineId(), l));
      this.orderDay = businessDate(events.orders.stream()
          .filter(ReplayEvent::isVersion)
          .mapToLong(ReplayEvent::eventTimeMillis)
          .min()
          .orElseThrow());
      this.cancelled = events.orders.stream().anyMatch(ReplayEvent::isCancellation);
      events.shipments.forEach(s -> s.lines().values().forEach(l -> shipped.merge(l.lineId(), l.quantity(), Long::sum)));
      events.invoices.forEach(i -> i.lines().values().forEach(l -> invoiced.merge(l.lineId(), l.quantity(), Long::sum)));
    }

    long shipped(String lineId) {
      return shipped.getOrDefault(lineId, 0L);
    }

    long invoiced(String lineId) {
      return invoiced.getOrDefault(lineId, 0L);
    }

    Optional<ReplayEvent> firstInvoiceOf(ReplayEvent shipment) {
      return events.invoices.stream()
          .filter(i -> shipment.shipmentId().equals(i.shipmentId()))
          .min(INVOICE_ORDER);
    }
  }
}
