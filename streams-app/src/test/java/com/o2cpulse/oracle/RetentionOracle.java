package com.o2cpulse.oracle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which events of a replay file a retention turns into late events, computed from the contract alone (not from
 * the application's code): stream time is the greatest event time read so far, this event's included; an order is
 * retired once stream time passes its last event time plus the horizon of its kind (settled: cancelled, or every
 * line of its version shipped in full and every shipment named by an invoice; unsettled; never known: no
 * PLACED/AMENDED event), and every later event for it is late while its marker lasts.
 */
public final class RetentionOracle {

  /** The lines that are folded (in arrival order) and the late events, as stream and eventId, in arrival order. */
  public record Split(List<String> acceptedLines, List<String> lateEvents) {}

  private final Duration settled;
  private final Duration unsettled;
  private final Duration neverKnown;
  private final Duration marker;

  public RetentionOracle(Duration settled, Duration unsettled, Duration neverKnown, Duration marker) {
    this.settled = settled;
    this.unsettled = unsettled;
    this.neverKnown = neverKnown;
    this.marker = marker;
  }

  public Split split(List<String> replayLines) {
    ReplayLineParser parser = new ReplayLineParser();
    Map<String, List<ReplayEvent>> folded = new HashMap<>();
    Map<String, Long> retiredUntil = new HashMap<>();
    List<String> accepted = new ArrayList<>();
    List<String> late = new ArrayList<>();
    long streamTime = Long.MIN_VALUE;
    for (String line : replayLines) {
      ReplayEvent event = parser.parse(line).event();
      if (event == null) {
        accepted.add(line);
        continue;
      }
      streamTime = Math.max(streamTime, event.eventTimeMillis());
      String order = event.correlationId();
      Long markerEnd = retiredUntil.get(order);
      if (markerEnd != null && streamTime > markerEnd) {
        throw new IllegalStateException("a marker expired: choose a marker period longer than the input");
      }
      List<ReplayEvent> events = folded.computeIfAbsent(order, id -> new ArrayList<>());
      boolean retired = markerEnd != null;
      if (!retired && !events.isEmpty() && streamTime > retirement(events)) {
        retiredUntil.put(order, retirement(events) + marker.toMillis());
        retired = true;
      }
      if (retired) {
        late.add(event.stream().fileName() + ":" + event.eventId());
        continue;
      }
      if (events.stream().noneMatch(e -> e.stream() == event.stream() && e.eventId().equals(event.eventId()))) {
        events.add(event);
      }
      accepted.add(line);
    }
    return new Split(accepted, late);
  }

  private long retirement(List<ReplayEvent> events) {
    long last = events.stream().mapToLong(ReplayEvent::eventTimeMillis).max().orElseThrow();
    Optional<ReplayEvent> version = events.stream().filter(ReplayEvent::isVersion).max(BatchKpiOracle.VERSION_ORDER);
    if (version.isEmpty()) {
      return last + neverKnown.toMillis();
    }
    return last + (isSettled(events, version.get()) ? settled : unsettled).toMillis();
  }

  private static boolean isSettled(List<ReplayEvent> events, ReplayEvent version) {
    if (events.stream().anyMatch(ReplayEvent::isCancellation)) {
      return true;
    }
    Map<String, Long> shipped = new HashMap<>();
    Set<String> invoicedShipments = new HashSet<>();
    for (ReplayEvent event : events) {
      if (event.stream() == ReplayStream.SHIPMENT) {
        event.lines().values().forEach(l -> shipped.merge(l.lineId(), l.quantity(), Long::sum));
      } else if (event.stream() == ReplayStream.INVOICE && event.shipmentId() != null) {
        invoicedShipments.add(event.shipmentId());
      }
    }
    boolean shippedInFull = version.lines().values().stream()
        .allMatch(l -> shipped.getOrDefault(l.lineId(), 0L) >= l.quantity());
    boolean everyShipmentInvoiced = events.stream()
        .filter(e -> e.stream() == ReplayStream.SHIPMENT)
        .allMatch(s -> invoicedShipments.contains(s.shipmentId()));
    return shippedInFull && everyShipmentInvoiced;
  }
}
