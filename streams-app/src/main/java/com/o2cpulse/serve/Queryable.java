package com.o2cpulse.serve;

import org.apache.kafka.streams.KafkaStreams;

/** Kafka Streams answers metadata and store queries only while RUNNING or REBALANCING; otherwise it throws. */
final class Queryable {

    private Queryable() {
    }

    static void require(KafkaStreams streams) {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw ApiException.unavailable("Kafka Streams is " + state + "; stores cannot be queried now");
        }
    }
}
