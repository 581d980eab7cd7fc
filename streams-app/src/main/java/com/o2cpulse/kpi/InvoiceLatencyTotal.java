package com.o2cpulse.kpi;

import static java.lang.Math.addExact;
import static java.lang.Math.negateExact;

import java.util.Objects;

/** Invoice latency of one key: shipment counts, the latency sum and the histogram of bucketed latencies. */
public record InvoiceLatencyTotal(long shipments, long invoiced, long notInvoiced, long overSla, long latencySumSeconds,
                                  LatencyHistogram histogram) implements KpiTotal {

    public InvoiceLatencyTotal {
        Objects.requireNonNull(histogram, "histogram");
    }

    public static InvoiceLatencyTotal notInvoicedShipment() {
        return new InvoiceLatencyTotal(1, 0, 1, 0, 0, LatencyHistogram.EMPTY);
    }

    /** A shipment invoiced before it shipped counts as a shipment only (it is a reconciliation exception). */
    public static InvoiceLatencyTotal invoicedBeforeShipped() {
        return new InvoiceLatencyTotal(1, 0, 0, 0, 0, LatencyHistogram.EMPTY);
    }

    public static InvoiceLatencyTotal invoicedShipment(long latencySeconds, boolean overSla) {
        return new InvoiceLatencyTotal(1, 1, 0, overSla ? 1 : 0, latencySeconds, LatencyHistogram.of(latencySeconds));
    }

    @Override
    public KpiFamily family() {
        return KpiFamily.INVOICE_LATENCY;
    }

    @Override
    public InvoiceLatencyTotal plus(KpiTotal other) {
        InvoiceLatencyTotal o = KpiTotal.sameFamily(other, InvoiceLatencyTotal.class);
        return new InvoiceLatencyTotal(addExact(shipments, o.shipments), addExact(invoiced, o.invoiced),
                addExact(notInvoiced, o.notInvoiced), addExact(overSla, o.overSla),
                addExact(latencySumSeconds, o.latencySumSeconds), histogram.plus(o.histogram));
    }

    @Override
    public InvoiceLatencyTotal negate() {
        return new InvoiceLatencyTotal(negateExact(shipments), negateExact(invoiced), negateExact(notInvoiced),
                negateExact(overSla), negateExact(latencySumSeconds), histogram.negate());
    }

    @Override
    public boolean isZero() {
        return shipments == 0 && invoiced == 0 && notInvoiced == 0 && overSla == 0 && latencySumSeconds == 0 && histogram.isEmpty();
    }
}
