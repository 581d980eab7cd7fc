package com.o2cpulse.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.o2cpulse.kpi.KpiRules;
import com.o2cpulse.kpi.Reconciliation;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.lifecycle.OrderStatusView;
import com.o2cpulse.serde.AvroJson;
import com.o2cpulse.topology.RetiredOrders;
import com.o2cpulse.topology.StoreNames;
import java.time.Clock;
import java.util.OptionalLong;

/** Order status by correlationId, built from the order's state in the order-state store where the key lives. */
final class OrderQueries {

    static final String INTERNAL_PATH = "/internal/orders/";

    private final LocalStores stores;
    private final KeyRouter router;
    private final KpiRules rules;
    private final Clock clock;

    OrderQueries(LocalStores stores, KeyRouter router, KpiRules rules, Clock clock) {
        this.stores = stores;
        this.router = router;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * The OrderStatus record as JSON; 410 when the order's state was retired after its retention horizon (its last
     * status stays in the order-status topic); 404 when the order is unknown or has no PLACED/AMENDED event yet.
     */
    Reply status(String correlationId) {
        return router.route(StoreNames.ORDER_STATES, correlationId,
                (partition, allowedLag) -> localStatus(correlationId, partition, allowedLag),
                INTERNAL_PATH + PathSegments.encode(correlationId));
    }

    Reply localStatus(String correlationId, int partition, OptionalLong allowedLag) {
        return stores.order(correlationId, partition, allowedLag)
                .filter(OrderState::isKnown)
                .map(order -> Reply.ok(AvroJson.toJson(OrderStatusView.of(correlationId, order,
                        Reconciliation.findings(order), rules, clock.instant()))))
                .orElseGet(() -> stores.retiredOrder(correlationId, partition, allowedLag)
                        .map(marker -> retired(correlationId, marker))
                        .orElseGet(() -> Reply.error(404, "no order '" + correlationId + "'")));
    }

    private static Reply retired(String correlationId, RetiredOrders.Marker marker) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", "order '" + correlationId + "' was retired at " + marker.retiredAt() + " (" + marker.reason()
                + ", after its retention horizon); its last status is the order-status topic's record for this key");
        body.put("correlationId", correlationId);
        body.put("retiredAt", marker.retiredAt().toString());
        body.put("reason", marker.reason().name());
        return new Reply(410, Reply.write(body));
    }
}
