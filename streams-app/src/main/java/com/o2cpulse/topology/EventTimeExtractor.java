package com.o2cpulse.topology;

import com.o2cpulse.lifecycle.Events;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Stream time is event time: the payload's eventTime, validated non-negative before it gets here, but never later
 * than the record's own timestamp (its append): a future-dated event would otherwise push stream time and the
 * timestamps of everything derived from it into the future, which brokers reject. The KPIs themselves read
 * eventTime from the payload, so the cap changes no figure. The append time also travels on in a header for the
 * end-to-end latency metric.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        AppendTime.set(record.headers(), record.timestamp());
        long eventTime = Events.eventTime((SpecificRecordBase) record.value()).toEpochMilli();
        return record.timestamp() >= 0 ? Math.min(eventTime, record.timestamp()) : eventTime;
    }
}
