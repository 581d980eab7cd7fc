package com.o2cpulse.sim;

import java.util.function.Consumer;

/**
 * The knobs of a simulated business. {@link #DEFAULT} is a busy mid-size distributor: about 8,600 orders a day,
 * mostly clean lifecycles, and each kind of disorder and reconciliation anomaly at a low but visible rate.
 * Rates are probabilities in [0, 1] applied per order, per line, per shipment, per invoice or per event as named.
 */
public record SimulationProfile(
        double ordersPerSecond,
        long firstOrderNumber,
        double amendmentRate,
        double cancellationRate,
        double splitAllocationRate,
        double backorderLineRate,
        double backorderNeverFilledRate,
        double partialShipmentRate,
        double neverInvoicedRate,
        double invoiceBeforeShipmentRate,
        double overShipmentRate,
        double overInvoiceRate,
        double unknownLineRate,
        double invoiceWithoutShipmentRate,
        double orphanRate,
        double lateOrderFeedRate,
        double redeliveryRate) {

    public static final SimulationProfile DEFAULT = new SimulationProfile(
            0.1,    // orders per second of event time
            1,      // first correlationId is SO-000001
            0.06,   // orders amended (EDI 860 change orders, phone changes)
            0.03,   // orders cancelled
            0.20,   // orders allocated from two warehouses
            0.06,   // order lines (partly) backordered
            0.25,   // backorders never restocked within the simulation
            0.15,   // warehouse allocations shipped in two waves
            0.03,   // shipments never invoiced
            0.015,  // invoices dated before their shipment
            0.005,  // shipments with a picking error over-shipping a line
            0.005,  // invoices billing more than shipped (extra unit or a duplicate invoice)
            0.003,  // allocations, shipments and invoices naming a line the order does not have
            0.005,  // invoices naming no shipment of their order
            0.01,   // orders whose order events never arrive: the rest of their lifecycle is orphaned
            0.01,   // orders whose order events arrive hours late (middleware backlog)
            0.02);  // events redelivered once more later (0.1 of those twice)

    public SimulationProfile {
        if (!(ordersPerSecond > 0) || Double.isInfinite(ordersPerSecond)) {
            throw new IllegalArgumentException("ordersPerSecond must be positive, was " + ordersPerSecond);
        }
        if (firstOrderNumber < 0) {
            throw new IllegalArgumentException("firstOrderNumber must not be negative, was " + firstOrderNumber);
        }
        double[] rates = {amendmentRate, cancellationRate, splitAllocationRate, backorderLineRate,
                backorderNeverFilledRate, partialShipmentRate, neverInvoicedRate, invoiceBeforeShipmentRate,
                overShipmentRate, overInvoiceRate, unknownLineRate, invoiceWithoutShipmentRate, orphanRate,
                lateOrderFeedRate, redeliveryRate};
        for (double rate : rates) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("rates must lie in [0, 1], found " + rate + " in " + this);
            }
        }
    }

    public SimulationProfile withOrdersPerSecond(double rate) {
        return with(b -> b.ordersPerSecond = rate);
    }

    public SimulationProfile withFirstOrderNumber(long number) {
        return with(b -> b.firstOrderNumber = number);
    }

    /** A copy with some knobs changed, e.g. {@code DEFAULT.with(p -> p.orphanRate = 0)}. */
    public SimulationProfile with(Consumer<Knobs> change) {
        Knobs knobs = new Knobs(this);
        change.accept(knobs);
        return knobs.build();
    }

    /** Mutable copy of the knobs, only for {@link #with}. */
    public static final class Knobs {
        public double ordersPerSecond;
        public long firstOrderNumber;
        public double amendmentRate;
        public double cancellationRate;
        public double splitAllocationRate;
        public double backorderLineRate;
        public double backorderNeverFilledRate;
        public double partialShipmentRate;
        public double neverInvoicedRate;
        public double invoiceBeforeShipmentRate;
        public double overShipmentRate;
        public double overInvoiceRate;
        public double unknownLineRate;
        public double invoiceWithoutShipmentRate;
        public double orphanRate;
        public double lateOrderFeedRate;
        public double redeliveryRate;

        private Knobs(SimulationProfile p) {
            ordersPerSecond = p.ordersPerSecond;
            firstOrderNumber = p.firstOrderNumber;
            amendmentRate = p.amendmentRate;
            cancellationRate = p.cancellationRate;
            splitAllocationRate = p.splitAllocationRate;
            backorderLineRate = p.backorderLineRate;
            backorderNeverFilledRate = p.backorderNeverFilledRate;
            partialShipmentRate = p.partialShipmentRate;
            neverInvoicedRate = p.neverInvoicedRate;
            invoiceBeforeShipmentRate = p.invoiceBeforeShipmentRate;
            overShipmentRate = p.overShipmentRate;
            overInvoiceRate = p.overInvoiceRate;
            unknownLineRate = p.unknownLineRate;
            invoiceWithoutShipmentRate = p.invoiceWithoutShipmentRate;
            orphanRate = p.orphanRate;
            lateOrderFeedRate = p.lateOrderFeedRate;
            redeliveryRate = p.redeliveryRate;
        }

        private SimulationProfile build() {
            return new SimulationProfile(ordersPerSecond, firstOrderNumber, amendmentRate, cancellationRate,
                    splitAllocationRate, backorderLineRate, backorderNeverFilledRate, partialShipmentRate,
                    neverInvoicedRate, invoiceBeforeShipmentRate, overShipmentRate, overInvoiceRate,
                    unknownLineRate, invoiceWithoutShipmentRate, orphanRate, lateOrderFeedRate, redeliveryRate);
        }
    }
}
