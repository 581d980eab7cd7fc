package com.o2cpulse.topology;

import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.lifecycle.EventStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every topic name of the application, derived from one prefix ({@code o2c.} by default). */
public record Topics(String prefix) {

    public static final Topics DEFAULT = new Topics("o2c.");

    public String input(EventStream stream) {
        return prefix + stream.topicSuffix();
    }

    public String kpi(KpiFamily family) {
        return prefix + "kpi." + family.id();
    }

    public String orderStatus() {
        return prefix + "order-status";
    }

    public String exceptions() {
        return prefix + "exceptions";
    }

    /** Events for orders retired before they arrived (append-only). */
    public String lateEvents() {
        return prefix + "late-events";
    }

    public String deadLetters() {
        return prefix + "dlq";
    }

    public List<String> inputs() {
        return Arrays.stream(EventStream.values()).map(this::input).toList();
    }

    /** The compacted topics: one per KPI plus order status. */
    public List<String> compacted() {
        List<String> topics = new ArrayList<>(Arrays.stream(KpiFamily.values()).map(this::kpi).toList());
        topics.add(orderStatus());
        return topics;
    }
}
