package com.o2cpulse.sim;

import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.replayfile.EventRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * How events travel from the source systems to Kafka: each feed has its own lag (EDI translators work in
 * 15-minute batches, carrier manifests and ERP exports are batched at times, a middleware backlog can hold an
 * order's messages for hours), so arrival order differs from event-time order within and across streams; and
 * at-least-once delivery sends some events again later.
 */
final class Delivery {

    private static final long EDI_BATCH_MILLIS = Duration.ofMinutes(15).toMillis();
    private static final double SECOND_REDELIVERY_RATE = 0.1;

    private final SimulationProfile profile;

    Delivery(SimulationProfile profile) {
        this.profile = profile;
    }

    List<Arrival> arrivals(SimulatedOrder order, Dice dice) {
        Duration orderFeedBacklog = dice.chance(profile.lateOrderFeedRate())
                ? dice.skewed(Duration.ofHours(1), Duration.ofHours(8)) : Duration.ZERO;
        List<Arrival> arrivals = new ArrayList<>();
        for (SpecificRecord event : order.events()) {
            EventStream stream = EventStream.of(event);
            Instant eventTime = (Instant) event.get(event.getSchema().getField("eventTime").pos());
            Instant arrival = arrivalOf(stream, eventTime, order.header().channel(), dice);
            if (stream == EventStream.ORDER) {
                arrival = arrival.plus(orderFeedBacklog);
            }
            arrivals.add(new Arrival(arrival, event));
            if (dice.chance(profile.redeliveryRate())) {
                Instant again = arrival.plus(dice.skewed(Duration.ofSeconds(1), Duration.ofHours(2)));
                arrivals.add(new Arrival(again, copyOf(event)));
                if (dice.chance(SECOND_REDELIVERY_RATE)) {
                    arrivals.add(new Arrival(again.plus(dice.skewed(Duration.ofMinutes(1), Duration.ofHours(6))),
                            copyOf(event)));
                }
            }
        }
        return arrivals;
    }

    private static Instant arrivalOf(EventStream stream, Instant eventTime, Channel channel, Dice dice) {
        return switch (stream) {
            case ORDER -> switch (channel) {
                case EDI -> nextEdiBatch(eventTime).plus(dice.between(Duration.ofSeconds(1), Duration.ofSeconds(60)));
                case FIELD_SALES -> eventTime.plus(dice.skewed(Duration.ofSeconds(5), Duration.ofMinutes(30)));
                case ECOMMERCE, MARKETPLACE -> eventTime.plus(dice.skewed(Duration.ofMillis(200), Duration.ofSeconds(5)));
            };
            case ALLOCATION -> eventTime.plus(dice.skewed(Duration.ofMillis(100), Duration.ofSeconds(10)));
            case SHIPMENT -> eventTime.plus(dice.chance(0.9)
                    ? dice.skewed(Duration.ofSeconds(1), Duration.ofMinutes(3))
                    : dice.skewed(Duration.ofMinutes(10), Duration.ofMinutes(90)));
            case INVOICE -> eventTime.plus(dice.chance(0.85)
                    ? dice.skewed(Duration.ofSeconds(1), Duration.ofMinutes(2))
                    : dice.skewed(Duration.ofMinutes(15), Duration.ofHours(4)));
        };
    }

    private static Instant nextEdiBatch(Instant eventTime) {
        long millis = eventTime.toEpochMilli();
        return Instant.ofEpochMilli((Math.floorDiv(millis, EDI_BATCH_MILLIS) + 1) * EDI_BATCH_MILLIS);
    }

    /** A redelivery is the same message decoded again: equal content, but not the same object. */
    private static SpecificRecord copyOf(SpecificRecord event) {
        return EventRecords.copy(event);
    }
}
