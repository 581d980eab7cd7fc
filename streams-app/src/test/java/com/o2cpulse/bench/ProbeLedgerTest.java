package com.o2cpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProbeLedgerTest {

    @Test
    void latencyIsFirstVisibilityMinusAppend() {
        ProbeLedger ledger = new ProbeLedger(3);
        ledger.appended(0, 1_000);
        ledger.visible(0, 1_250);
        ledger.visible(0, 1_900); // a later KPI record of the same probe does not count
        ledger.appended(1, 2_000);
        ledger.visible(1, 1_999); // clocks a millisecond apart
        ledger.appended(2, 3_000);

        assertThat(ledger.latencies(0, 3)).containsExactly(250, 0, LatencySummary.UNSEEN);
        assertThat(ledger.allVisible(2)).isTrue();
        assertThat(ledger.allVisible(3)).isFalse();
    }

    @Test
    void aProbeSeenButNeverAcknowledgedIsUnseen() {
        ProbeLedger ledger = new ProbeLedger(1);
        ledger.visible(0, 5);

        assertThat(ledger.latencies(0, 1)).containsExactly(LatencySummary.UNSEEN);
    }

    @Test
    void visibilityOfAnUnknownProbeIsIgnored() {
        ProbeLedger ledger = new ProbeLedger(1);
        ledger.visible(7, 5);

        assertThat(ledger.allVisible(1)).isFalse();
        assertThat(ledger.latencies(1, 1)).isEmpty();
    }
}
