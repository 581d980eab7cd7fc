package com.o2cpulse.sim;

import com.o2cpulse.schema.events.OrderLine;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lines of one order version, by lineId in line order. A quantity of 0 marks a line the version dropped. */
final class Basket {

    record Line(String lineId, String sku, long quantity, BigDecimal unitPrice) {
        Line withQuantity(long newQuantity) {
            return new Line(lineId, sku, newQuantity, unitPrice);
        }
    }

    private final Map<String, Line> lines;

    private Basket(Map<String, Line> lines) {
        this.lines = lines;
    }

    static Basket of(List<Line> lines) {
        Map<String, Line> byId = new LinkedHashMap<>();
        lines.forEach(line -> byId.put(line.lineId(), line));
        return new Basket(byId);
    }

    Collection<Line> lines() {
        return lines.values();
    }

    long quantity(String lineId) {
        Line line = lines.get(lineId);
        return line == null ? 0 : line.quantity();
    }

    BigDecimal unitPrice(String lineId) {
        Line line = lines.get(lineId);
        return line == null ? null : line.unitPrice();
    }

    /** A line number that no version of this order uses: lines are numbered 1..n and amendments add n+1. */
    String unusedLineId(Dice dice) {
        return String.valueOf(lines.size() + dice.between(10, 19));
    }

    List<OrderLine> toOrderLines() {
        return lines.values().stream()
                .map(l -> new OrderLine(l.lineId(), l.sku(), l.quantity(), l.unitPrice()))
                .toList();
    }
}
