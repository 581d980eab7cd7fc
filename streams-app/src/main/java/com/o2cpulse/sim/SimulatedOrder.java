package com.o2cpulse.sim;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Every event of one order's lifecycle, in the order the source systems produced them. */
record SimulatedOrder(OrderHeader header, List<SpecificRecord> events) {
}
