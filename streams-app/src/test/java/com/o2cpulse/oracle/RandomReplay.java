package com.o2cpulse.oracle;

import static com.o2cpulse.oracle.ReplayEvents.allocation;
import static com.o2cpulse.oracle.ReplayEvents.amended;
import static com.o2cpulse.oracle.ReplayEvents.cancelled;
import static com.o2cpulse.oracle.ReplayEvents.invoice;
import static com.o2cpulse.oracle.ReplayEvents.placed;
import static com.o2cpulse.oracle.ReplayEvents.shipment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random multi-order replay file with every kind of event the KPIs react to: amendments, zero-quantity lines,
 * cancellations, partial and over shipments, shared shipment ids, time ties, invoices before, at and after their
 * shipment, invoices naming no shipment, unknown lines, orphans and invalid lines. Event ids are unique per stream.
 */
final class RandomReplay {

  private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
  private static final String[] CHANNELS = {"ECOMMERCE", "EDI", "MARKETPLACE"};
  private static final String[] CURRENCIES = {"USD", "EUR"};
  private static final String[] WAREHOUSES = {"W-EAST", "W-WEST", "W-NORTH"};
  private static final String[] PRICES = {"0.00", "0.99", "5", "12.5", "1234.56"};

  private RandomReplay() {}

  static List<String> generate(Random random, int orders) {
    List<String> lines = new ArrayList<>();
    int[] ids = new int[1];
    for (int o = 0; o < orders; o++) {
      String cid = "SO-" + o;
      boolean known = random.nextInt(8) != 0;
      if (known) {
        int versions = 1 + random.nextInt(3);
        for (int v = 0; v < versions; v++) {
          String channel = CHANNELS[random.nextInt(CHANNELS.length)];
          String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
          ReplayEvents.Builder version = v == 0
              ? placed("o-" + ids[0]++, cid, time(random), channel, currency)
              : amended("o-" + ids[0]++, cid, time(random), channel, currency);
          int lineCount = random.nextInt(4);
          for (int l = 1; l <= lineCount; l++) {
            version.line(Integer.toString(l), random.nextInt(6), PRICES[random.nextInt(PRICES.length)]);
          }
          lines.add(version.json());
        }
      }
      if (random.nextInt(6) == 0) {
        lines.add(cancelled("c-" + ids[0]++, cid, time(random)).json());
      }
      for (int a = random.nextInt(3); a > 0; a--) {
        ReplayEvents.Builder alloc = allocation("a-" + ids[0]++, cid, time(random), pick(random, WAREHOUSES));
        for (String lineId : someLines(random)) {
          alloc.allocated(lineId, random.nextInt(4), random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0);
        }
        lines.add(alloc.json());
      }
      int shipments = random.nextInt(4);
      List<String> shipmentIds = new ArrayList<>();
      List<String> shipmentTimes = new ArrayList<>();
      for (int s = 0; s < shipments; s++) {
        String shipmentId = "SH-" + o + "-" + random.nextInt(3);
        String at = time(random);
        ReplayEvents.Builder ship = shipment("s-" + ids[0]++, cid, at, shipmentId, pick(random, WAREHOUSES));
        for (String lineId : someLines(random)) {
          ship.line(lineId, random.nextInt(5));
        }
        lines.add(ship.json());
        shipmentIds.add(shipmentId);
        shipmentTimes.add(at);
      }
      for (int i = random.nextInt(4); i > 0; i--) {
        String shipmentId;
        String at;
        if (!shipmentIds.isEmpty() && random.nextInt(5) != 0) {
          int s = random.nextInt(shipmentIds.size());
          shipmentId = shipmentIds.get(s);
          at = Instant.parse(shipmentTimes.get(s)).plusMillis(latencyMillis(random)).toString();
        } else {
          shipmentId = random.nextBoolean() ? null : "SH-NONE";
          at = time(random);
        }
        ReplayEvents.Builder inv = invoice("i-" + ids[0]++, cid, at, "I-" + o + "-" + random.nextInt(3), shipmentId);
        for (String lineId : someLines(random)) {
          inv.line(lineId, random.nextInt(5), "1.00");
        }
        lines.add(inv.json());
      }
      if (random.nextInt(5) == 0) {
        lines.add(shipment("s-" + ids[0]++, cid, time(random), "SH-BAD", "W-EAST").line("1", -1).json());
      }
    }
    return lines;
  }

  /** Times on a half-hour grid over four days, so that ties happen. */
  private static String time(Random random) {
    return START.plusSeconds(1800L * random.nextInt(4 * 48)).toString();
  }

  /** Latencies from before the shipment to beyond a day, with sub-second and 3-significant-digit edge cases. */
  private static long latencyMillis(Random random) {
    switch (random.nextInt(6)) {
      case 0:
        return -1000L * (1 + random.nextInt(3600));
      case 1:
        return 0;
      case 2:
        return random.nextInt(1000);
      case 3:
        return 1000L * random.nextInt(2000) + random.nextInt(1000);
      case 4:
        return 1000L * (99_000 + random.nextInt(2000));
      default:
        return 1000L * random.nextInt(200_000);
    }
  }

  /** A random subset of lineIds 1..3 and the unknown line 9. */
  private static List<String> someLines(Random random) {
    List<String> ids = new ArrayList<>();
    for (String id : new String[] {"1", "2", "3", "9"}) {
      if (random.nextInt(id.equals("9") ? 8 : 2) == 0) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
