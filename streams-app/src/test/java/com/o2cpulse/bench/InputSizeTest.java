package com.o2cpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputSizeTest {

    @Test
    void defaultIsAboutHalfAMillionEvents() {
        assertThat(InputSize.orders(null) * InputSize.EVENTS_PER_ORDER).isGreaterThanOrEqualTo(500_000);
        assertThat(InputSize.orders(new InputSize())).isEqualTo(InputSize.DEFAULT_ORDERS);
    }

    @Test
    void eventsAreTurnedIntoOrders() {
        InputSize size = new InputSize();
        size.events = 60_000;

        assertThat(InputSize.orders(size)).isEqualTo(12_000);
    }

    @Test
    void ordersAreTakenAsGiven() {
        InputSize size = new InputSize();
        size.orders = 777;

        assertThat(InputSize.orders(size)).isEqualTo(777);
    }

    @Test
    void tooFewEventsForAnOrderAreRejected() {
        InputSize size = new InputSize();
        size.events = 2;

        assertThatThrownBy(() -> InputSize.orders(size)).isInstanceOf(IllegalArgumentException.class);
    }
}
