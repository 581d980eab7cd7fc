package com.o2cpulse.topology;

import com.o2cpulse.lifecycle.Events;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Stream time is event time: the payload's eventTime, validated non-negative before it gets here. The record's own
 * timestamp (its append) travels on in a header for the end-to-end latency metric.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        AppendTime.set(record.headers(), record.timestamp());
        return Events.eventTime((SpecificRecordBase) record.value()).toEpochMilli();
    }
}
