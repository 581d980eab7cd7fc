package com.o2cpulse.sim;

import com.o2cpulse.sim.MasterData.Customer;
import java.time.Instant;

/** Who placed an order, through which channel, and when. */
record OrderHeader(long orderNumber, Instant placedAt, Channel channel, Customer customer) {

    String correlationId() {
        return "SO-%06d".formatted(orderNumber);
    }

    String currency() {
        return customer.region().currency();
    }

    Region region() {
        return customer.region();
    }
}
