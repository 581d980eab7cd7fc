package com.o2cpulse.lifecycle;

/** Units of one order line in a shipment or an invoice. */
public record LineQuantity(String lineId, long quantity) {
}
