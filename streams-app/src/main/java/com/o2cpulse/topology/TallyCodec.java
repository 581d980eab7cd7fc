package com.o2cpulse.topology;

import com.o2cpulse.kpi.Tally;
import com.o2cpulse.schema.state.KpiTotals;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Maps the pure {@link Tally} to its Avro form for changelogs and repartition topics. */
final class TallyCodec {

    private TallyCodec() {
    }

    static KpiTotals toAvro(Tally tally) {
        Map<String, String> amounts = new HashMap<>();
        tally.amounts().forEach((name, amount) -> amounts.put(name, amount.toPlainString()));
        Map<String, Long> histogram = new HashMap<>();
        tally.histogram().forEach((bucket, n) -> histogram.put(Long.toString(bucket), n));
        return new KpiTotals(new HashMap<>(tally.counts()), amounts, histogram);
    }

    static Tally fromAvro(KpiTotals totals) {
        Map<String, BigDecimal> amounts = new HashMap<>();
        totals.getAmounts().forEach((name, amount) -> amounts.put(name, new BigDecimal(amount)));
        Map<Long, Long> histogram = new HashMap<>();
        totals.getHistogram().forEach((bucket, n) -> histogram.put(Long.parseLong(bucket), n));
        return Tally.of(totals.getCounts(), amounts, histogram);
    }
}
