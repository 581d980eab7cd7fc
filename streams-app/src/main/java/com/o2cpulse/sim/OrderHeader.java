package com.o2cpulse.sim;

import com.o2cpulse.sim.MasterData.Customer;
import java.time.Instant;

/** Who placed an order, through which channel, and when. */
record OrderHeader(long orderNumber, String correlationId, Instant placedAt, Channel channel, Customer customer) {

    OrderHeader(long orderNumber, Instant placedAt, Channel channel, Customer customer) {
        this(orderNumber, Ids.correlationId(orderNumber), placedAt, channel, customer);
    }

    String currency() {
        return customer.region().currency();
    }

    Region region() {
        return customer.region();
    }
}
