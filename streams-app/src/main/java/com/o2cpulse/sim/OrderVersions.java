package com.o2cpulse.sim;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The placed basket and, when the order was amended, the amended one and when that happened. */
record OrderVersions(Basket placed, Instant amendedAt, Basket amended) {

    static OrderVersions placedOnly(Basket placed) {
        return new OrderVersions(placed, null, null);
    }

    Optional<Instant> amendment() {
        return Optional.ofNullable(amendedAt);
    }

    OrderVersions withoutAmendment() {
        return placedOnly(placed);
    }

    /** The basket in force at an instant. */
    Basket basketAt(Instant instant) {
        return amendedAt != null && !instant.isBefore(amendedAt) ? amended : placed;
    }

    Basket latest() {
        return amended != null ? amended : placed;
    }

    /** Amendments never reprice a line, so the price is the same in every version that has it. */
    BigDecimal unitPrice(String lineId) {
        BigDecimal price = latest().unitPrice(lineId);
        return price != null ? price : placed.unitPrice(lineId);
    }
}
