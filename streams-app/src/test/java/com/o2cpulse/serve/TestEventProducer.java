package com.o2cpulse.serve;

import com.o2cpulse.embedded.TestKafka;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Events;
import com.o2cpulse.topology.O2cSerdes;
import com.o2cpulse.topology.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;

/** Produces hand-made events to their input topics with the application's own serializers. */
final class TestEventProducer {

    private TestEventProducer() {
    }

    /** Sends the events, one producer per topic, in the given order within each topic. */
    static void send(TestKafka kafka, Topics topics, O2cSerdes serdes, SpecificRecordBase... events) {
        Map<String, List<KeyValue<String, SpecificRecord>>> byTopic = new LinkedHashMap<>();
        for (SpecificRecordBase event : events) {
            byTopic.computeIfAbsent(topics.input(EventStream.of(event)), topic -> new ArrayList<>())
                    .add(KeyValue.pair(Events.correlationId(event), event));
        }
        byTopic.forEach((topic, records) ->
                kafka.produce(topic, new StringSerializer(), serdes.anyValue().serializer(), records));
    }
}
