package com.o2cpulse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");
    private static final Retention RETENTION = new Retention(Duration.ofDays(90), Duration.ofDays(365), Duration.ofDays(30), Duration.ofDays(60));

    private static OrderFact placed(Instant at, long quantity) {
        return new OrderFact("o-1", "SO-1", at, false, "WEB", "C-1", "EUR",
                List.of(new VersionLine("L1", "SKU-1", quantity, new BigDecimal("2.50"))));
    }

    private static ShipmentFact shipped(String eventId, Instant at, long quantity) {
        return new ShipmentFact(eventId, "SO-1", at, "SH-" + eventId, "W-EAST", List.of(new LineQuantity("L1", quantity)));
    }

    private static InvoiceFact invoiced(String eventId, Instant at, String shipmentId) {
        return new InvoiceFact(eventId, "SO-1", at, "INV-" + eventId, shipmentId, List.of(new LineQuantity("L1", 1)));
    }

    @Test
    void anOrderShippedInFullWithEveryShipmentInvoicedIsSettledAndRetiresAfterTheShortHorizon() {
        OrderState state = new OrderState();
        state.apply(placed(T0, 3));
        state.apply(shipped("s-1", T0.plusSeconds(3600), 2));
        assertThat(state.isSettled()).isFalse();
        state.apply(shipped("s-2", T0.plusSeconds(7200), 1));
        assertThat(state.isSettled()).as("shipped in full, shipments not invoiced").isFalse();
        state.apply(invoiced("i-1", T0.plusSeconds(9000), "SH-s-1"));
        assertThat(state.isSettled()).as("one shipment still without invoice").isFalse();
        Instant last = T0.plusSeconds(10_000);
        state.apply(invoiced("i-2", last, "SH-s-2"));

        assertThat(state.isSettled()).isTrue();
        assertThat(RETENTION.retirementOf(state)).isEqualTo(new Retention.Retirement(last.plus(Duration.ofDays(90)), Retention.Reason.SETTLED));
    }

    @Test
    void theHorizonStartsAtTheLatestEventTimeWhateverTheArrivalOrder() {
        OrderState state = new OrderState();
        state.apply(shipped("s-1", T0.plusSeconds(3600), 3));
        state.apply(placed(T0, 3));
        assertThat(state.lastEventTime()).contains(T0.plusSeconds(3600));
        assertThat(state.apply(shipped("s-1", T0.plusSeconds(3600), 3))).as("a redelivery changes nothing").isFalse();
    }

    @Test
    void anOpenOrderKeepsTheLongerHorizonAndOrphanEventsTheirOwn() {
        OrderState open = new OrderState();
        open.apply(placed(T0, 3));
        assertThat(RETENTION.retirementOf(open)).isEqualTo(new Retention.Retirement(T0.plus(Duration.ofDays(365)), Retention.Reason.UNSETTLED));

        OrderState orphan = new OrderState();
        orphan.apply(shipped("s-1", T0, 1));
        assertThat(RETENTION.retirementOf(orphan)).isEqualTo(new Retention.Retirement(T0.plus(Duration.ofDays(30)), Retention.Reason.NEVER_KNOWN));
    }

    @Test
    void aCancelledOrderIsSettled() {
        OrderState state = new OrderState();
        state.apply(placed(T0, 3));
        state.apply(new OrderFact("o-2", "SO-1", T0.plusSeconds(60), true, null, null, null, List.of()));
        assertThat(state.isSettled()).isTrue();
        assertThat(RETENTION.retirementOf(state).reason()).isEqualTo(Retention.Reason.SETTLED);
    }

    @Test
    void retirementIsDueOnlyOnceStreamTimeHasPassedIt() {
        Retention.Retirement retirement = new Retention.Retirement(T0, Retention.Reason.SETTLED);
        assertThat(retirement.isDueAt(T0)).isFalse();
        assertThat(retirement.isDueAt(T0.plusMillis(1))).isTrue();
        assertThat(RETENTION.markerExpiry(T0)).isEqualTo(T0.plus(Duration.ofDays(60)));
    }

    @Test
    void horizonsMustBePositive() {
        assertThatThrownBy(() -> new Retention(Duration.ZERO, Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
