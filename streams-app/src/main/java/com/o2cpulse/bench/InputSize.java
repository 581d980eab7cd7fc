package com.o2cpulse.bench;

import picocli.CommandLine.Option;

/** {@code --events} or {@code --orders}: how much simulated input; the simulator gives about five events per order. */
final class InputSize {

    static final int EVENTS_PER_ORDER = 5;
    static final int DEFAULT_ORDERS = 100_000;

    @Option(names = "--events", description = "About this many input events (orders = events / " + EVENTS_PER_ORDER
            + "; default about 500,000).")
    Integer events;

    @Option(names = "--orders", description = "Simulated orders (default " + DEFAULT_ORDERS + ", about 500,000 events).")
    Integer orders;

    /** The orders to simulate; {@code size} is null when neither option was given. */
    static int orders(InputSize size) {
        if (size == null || size.events == null && size.orders == null) {
            return DEFAULT_ORDERS;
        }
        int orders = size.orders != null ? size.orders : (int) Math.round(size.events / (double) EVENTS_PER_ORDER);
        if (orders < 1) {
            throw new IllegalArgumentException("the input needs at least one order (--events " + EVENTS_PER_ORDER + " or more)");
        }
        return orders;
    }
}
