package com.o2cpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderTallyTest {

    @Test
    void countsEventsAndKeepsTheLatestEventTime() {
        byte[] first = OrderTally.next(null, 2_000);
        byte[] second = OrderTally.next(first, 1_000);
        byte[] third = OrderTally.next(second, 3_000);

        assertThat(first).hasSize(OrderTally.BYTES);
        assertThat(OrderTally.count(first)).isEqualTo(1);
        assertThat(OrderTally.latestEventTime(first)).isEqualTo(2_000);
        assertThat(OrderTally.count(second)).isEqualTo(2);
        assertThat(OrderTally.latestEventTime(second)).isEqualTo(2_000);
        assertThat(OrderTally.count(third)).isEqualTo(3);
        assertThat(OrderTally.latestEventTime(third)).isEqualTo(3_000);
    }

    @Test
    void rejectsBytesOfAnotherShape() {
        assertThatThrownBy(() -> OrderTally.next(new byte[3], 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
