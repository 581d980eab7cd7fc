package com.o2cpulse.lifecycle;

import static com.o2cpulse.testing.TestEvents.allocation;
import static com.o2cpulse.testing.TestEvents.cancelled;
import static com.o2cpulse.testing.TestEvents.invoice;
import static com.o2cpulse.testing.TestEvents.placed;
import static com.o2cpulse.testing.TestEvents.shipment;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.ShipmentEvent;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private final EventValidator validator = new EventValidator();

    private void assertInvalid(SpecificRecordBase event, String reason) {
        assertThatThrownBy(() -> validator.validate(event)).isInstanceOf(InvalidEventException.class).hasMessageContaining(reason);
    }

    @Test
    void wellFormedEventsOfEveryStreamPass() {
        assertThatCode(() -> {
            validator.validate(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 0, "0.00").build());
            validator.validate(cancelled("o2", "SO-1", "2026-11-20T10:00:00Z"));
            validator.validate(allocation("a1", "SO-1", "2026-11-20T10:00:00Z", "W").line("1", 3, 0).build());
            validator.validate(shipment("s1", "SO-1", "2026-11-20T10:00:00Z", "SH-1", "W").line("1", 3).build());
            validator.validate(invoice("i1", "SO-1", "2026-11-20T10:00:00Z", "INV-1", null).line("1", 3, "9.99").build());
        }).doesNotThrowAnyException();
    }

    @Test
    void missingIdentifiersAreRejected() {
        assertInvalid(shipment("s1", " ", "2026-11-20T10:00:00Z", "SH-1", "W").build(), "missing correlationId");
        assertInvalid(shipment("", "SO-1", "2026-11-20T10:00:00Z", "SH-1", "W").build(), "missing eventId");
        assertInvalid(shipment("s1", "SO-1", "2026-11-20T10:00:00Z", "", "W").build(), "missing shipmentId");
    }

    @Test
    void eventTimeBeforeTheEpochIsRejected() {
        ShipmentEvent beforeEpoch = shipment("s1", "SO-1", "2026-11-20T10:00:00Z", "SH-1", "W").build();
        beforeEpoch.setEventTime(Instant.ofEpochMilli(-1));
        assertInvalid(beforeEpoch, "before 1970");
    }

    @Test
    void eventTimeAfterTheYear9999IsRejectedSoThatItsSlaDeadlineStillFitsALong() {
        ShipmentEvent lastMilli = shipment("s1", "SO-1", "9999-12-31T23:59:59.999Z", "SH-1", "W").line("1", 3).build();
        assertThatCode(() -> validator.validate(lastMilli)).doesNotThrowAnyException();
        ShipmentEvent farFuture = shipment("s1", "SO-1", "2026-11-20T10:00:00Z", "SH-1", "W").line("1", 3).build();
        farFuture.setEventTime(Instant.ofEpochMilli(Long.MAX_VALUE));
        assertInvalid(farFuture, "is after 9999-12-31T23:59:59.999Z");
    }

    @Test
    void negativeAndOversizedQuantitiesAreRejected() {
        assertInvalid(allocation("a1", "SO-1", "2026-11-20T10:00:00Z", "W").line("1", 3, -1).build(), "negative backordered -1 on line 1");
        assertInvalid(shipment("s1", "SO-1", "2026-11-20T10:00:00Z", "SH-1", "W").line("1", Long.MAX_VALUE).build(), "exceeds");
    }

    @Test
    void moneyMustBeNonNegativeAndExactToTheCent() {
        assertInvalid(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 1, "-0.01").build(), "negative unitPrice");
        assertInvalid(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 1, "1.005").build(), "more than 2 decimals");
        assertInvalid(placed("o1", "SO-1", "2026-11-20T10:00:00Z").line("1", 1, "12345678901234567.00").build(), "too large");
    }

    @Test
    void placementsNeedChannelAndCurrencyWithoutKeySeparators() {
        OrderEvent noCurrency = placed("o1", "SO-1", "2026-11-20T10:00:00Z").build();
        noCurrency.setCurrency(null);
        assertInvalid(noCurrency, "missing currency");
        assertInvalid(placed("o1", "SO-1", "2026-11-20T10:00:00Z").channel("EDI|X").build(), "key separator");
    }

    @Test
    void aLineListedTwiceIsRejected() {
        assertInvalid(shipment("s1", "SO-1", "2026-11-20T10:00:00Z", "SH-1", "W").line("1", 1).line("1", 2).build(), "lineId 1 appears twice");
    }
}
