package com.o2cpulse.lifecycle;

import java.math.BigDecimal;

/** One line of an order version: quantity 0 means the line is not part of that version. */
public record VersionLine(String lineId, String sku, long quantity, BigDecimal unitPrice) {
}
