package com.o2cpulse.kpi;

import com.o2cpulse.binary.BinaryReader;
import com.o2cpulse.binary.BinaryWriter;
import com.o2cpulse.binary.FormatVersion;

/** The binary form of a {@link KpiTotal} in stores, changelogs and the KPI-delta repartition topic (format 1). */
public final class KpiTotalCodec {

    static final int FORMAT = 1;
    private static final String KIND = "KPI total";

    private KpiTotalCodec() {
    }

    public static byte[] encode(KpiTotal total) {
        BinaryWriter out = new BinaryWriter(total instanceof InvoiceLatencyTotal l ? 64 + 6 * l.histogram().size() : 48);
        out.writeByte(FORMAT).writeByte(total.family().ordinal());
        if (total instanceof FillRateTotal f) {
            out.writeLong(f.linesShipped()).writeLong(f.linesFilled()).writeLong(f.unitsOrdered()).writeLong(f.unitsFilled())
                    .writeLong(f.ordersShipped()).writeLong(f.ordersFilled());
        } else if (total instanceof BacklogTotal b) {
            out.writeLong(b.openOrders()).writeLong(b.openLines()).writeLong(b.openUnits()).writeDecimal(b.openValue())
                    .writeLong(b.backorderedUnits());
        } else if (total instanceof InvoiceLatencyTotal l) {
            out.writeLong(l.shipments()).writeLong(l.invoiced()).writeLong(l.notInvoiced()).writeLong(l.overSla())
                    .writeLong(l.latencySumSeconds());
            LatencyHistogram histogram = l.histogram();
            out.writeLong(histogram.size());
            long previous = 0;
            for (int i = 0; i < histogram.size(); i++) {
                // Ascending buckets: the gaps are small varints.
                out.writeLong(histogram.bucket(i) - previous).writeLong(histogram.count(i));
                previous = histogram.bucket(i);
            }
        } else {
            out.writeLong(((ReconciliationTotal) total).count());
        }
        return out.toByteArray();
    }

    public static KpiTotal decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        FormatVersion.check(in, FORMAT, KIND);
        int familyOrdinal = in.readByte();
        if (familyOrdinal >= KpiFamily.values().length) {
            throw new IllegalArgumentException("unknown KPI family " + familyOrdinal + " in a KPI total");
        }
        KpiTotal total = switch (KpiFamily.values()[familyOrdinal]) {
            case FILL_RATE -> new FillRateTotal(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
            case BACKLOG -> new BacklogTotal(in.readLong(), in.readLong(), in.readLong(), in.readDecimal(), in.readLong());
            case INVOICE_LATENCY -> {
                long shipments = in.readLong();
                long invoiced = in.readLong();
                long notInvoiced = in.readLong();
                long overSla = in.readLong();
                long latencySum = in.readLong();
                int size = in.readCount();
                long[] buckets = new long[size];
                long[] counts = new long[size];
                long previous = 0;
                for (int i = 0; i < size; i++) {
                    previous += in.readLong();
                    buckets[i] = previous;
                    counts[i] = in.readLong();
                }
                yield new InvoiceLatencyTotal(shipments, invoiced, notInvoiced, overSla, latencySum, LatencyHistogram.of(buckets, counts));
            }
            case RECONCILIATION -> new ReconciliationTotal(in.readLong());
        };
        if (!in.atEnd()) {
            throw new IllegalArgumentException("trailing bytes after a KPI total");
        }
        return total;
    }
}
