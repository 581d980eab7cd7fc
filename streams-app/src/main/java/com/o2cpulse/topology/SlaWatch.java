package com.o2cpulse.topology;

import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.lifecycle.OrderState.Shipment;
import com.o2cpulse.schema.kpi.ExceptionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Watches shipped-not-invoiced shipments against the invoice SLA: a store keyed by deadline, scanned from its
 * start as stream time passes; a shipment still without invoice at its deadline raises a breach.
 */
final class SlaWatch {

    static final String SLA_BREACH = "INVOICE_SLA_BREACH";
    private static final int DEADLINE_DIGITS = 19;

    private final KeyValueStore<String, String> store;
    private final KpiRules rules;

    SlaWatch(KeyValueStore<String, String> store, KpiRules rules) {
        this.store = store;
        this.rules = rules;
    }

    void watch(String correlationId, Shipment shipment) {
        long deadline = shipment.eventTime().plus(rules.invoiceSla()).toEpochMilli();
        store.put(key(deadline, correlationId, shipment.eventId()), correlationId);
    }

    /** Zero-padded deadlines sort as numbers (event times are never negative). */
    static String key(long deadline, String correlationId, String shipmentEventId) {
        return padded(deadline) + '|' + correlationId + '|' + shipmentEventId;
    }

    private static String padded(long deadline) {
        String digits = Long.toString(deadline);
        return "0".repeat(DEADLINE_DIGITS - digits.length()) + digits;
    }

    /** Reads only the due keys: a scan from the start would copy the whole store cache's key set each time. */
    void check(long streamTime, OrderStates states, ProcessorContext<String, Object> context) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        // '}' sorts after the '|' that follows every deadline, so the range ends after the last key due now.
        try (KeyValueIterator<String, String> watched = store.range(padded(0), padded(streamTime) + '}')) {
            watched.forEachRemaining(due::add);
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (KeyValue<String, String> entry : due) {
            String correlationId = entry.value;
            String shipmentEventId = entry.key.substring(DEADLINE_DIGITS + 1 + correlationId.length() + 1);
            // Read before the entry is deleted: a read that fails leaves the entry, so the check is retried.
            OrderStates.Order cached = states.get(correlationId);
            store.delete(entry.key);
            if (cached == null) {
                continue;
            }
            OrderState order = cached.state();
            order.shipments().stream().filter(s -> s.eventId().equals(shipmentEventId)).findFirst()
                    .filter(shipment -> order.firstInvoiceOf(shipment).isEmpty())
                    .ifPresent(shipment -> context.forward(new Record<>(correlationId, new ExceptionRecord(correlationId, SLA_BREACH,
                            "shipment=" + shipmentEventId,
                            "shipment " + shipment.shipmentId() + " shipped at " + shipment.eventTime()
                                    + " is not invoiced within " + rules.invoiceSla(),
                            Instant.ofEpochMilli(streamTime), now), streamTime)));
        }
    }
}
