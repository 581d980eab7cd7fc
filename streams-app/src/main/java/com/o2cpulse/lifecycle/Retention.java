package com.o2cpulse.lifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * When an order's state may be forgotten: once stream time passes its last event time plus the horizon of its kind
 * (settled, never settled, never known). A retired order leaves a marker for {@code markerPeriod}, so that a late
 * event for it is told apart from the first event of an order never seen; after that, its events count as new.
 */
public record Retention(Duration settledHorizon, Duration unsettledHorizon, Duration neverKnownHorizon, Duration markerPeriod) {

    /** The defaults of the retention settings (retention.horizon and the others, see the README's settings table). */
    public static final Retention DEFAULT = new Retention(Duration.ofDays(90), Duration.ofDays(365), Duration.ofDays(30), Duration.ofDays(90));

    /** Why an order was retired. */
    public enum Reason {
        /** Cancelled, or shipped in full with every shipment invoiced ({@link OrderState#isSettled}). */
        SETTLED,
        /** Known but never settled: kept for the longer horizon. */
        UNSETTLED,
        /** Only orphan events, the order itself never arrived. */
        NEVER_KNOWN
    }

    /** When the order is retired (the first stream time after {@code at}) and why. */
    public record Retirement(Instant at, Reason reason) {

        public boolean isDueAt(Instant streamTime) {
            return streamTime.isAfter(at);
        }
    }

    public Retention {
        for (Duration d : new Duration[] {settledHorizon, unsettledHorizon, neverKnownHorizon, markerPeriod}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("retention horizons and the marker period must be positive, got " + d);
            }
        }
    }

    /** The retirement of an order in this state; the state must have folded at least one event. */
    public Retirement retirementOf(OrderState state) {
        Instant last = state.lastEventTime().orElseThrow(() -> new IllegalArgumentException("an empty state is never retired"));
        Reason reason = !state.isKnown() ? Reason.NEVER_KNOWN : state.isSettled() ? Reason.SETTLED : Reason.UNSETTLED;
        Duration horizon = switch (reason) {
            case SETTLED -> settledHorizon;
            case UNSETTLED -> unsettledHorizon;
            case NEVER_KNOWN -> neverKnownHorizon;
        };
        return new Retirement(last.plus(horizon), reason);
    }

    /** Until when a retired order's marker turns its events into late events. */
    public Instant markerExpiry(Instant retiredAt) {
        return retiredAt.plus(markerPeriod);
    }
}
