package com.o2cpulse.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a plain consumer does with the changelogs: read them from start to end, read_committed as a restoring
 * exactly-once application does, deserializing nothing. The yardstick for the restore rate.
 *
 * @param records   records read
 * @param seconds   from the first poll to the end of the last partition
 * @param nonEmpty  partitions that held at least one record: what a restoration has to go through
 */
record RawChangelogRead(long records, double seconds, Set<TopicPartition> nonEmpty) {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    double recordsPerSecond() {
        return records / seconds;
    }

    static RawChangelogRead of(String bootstrap, List<TopicPartition> partitions) throws TimeoutException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            Set<TopicPartition> nonEmpty = new HashSet<>();
            long records = 0;
            long started = System.nanoTime();
            long deadline = started + PATIENCE.toNanos();
            while (!ends.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    records++;
                    nonEmpty.add(new TopicPartition(record.topic(), record.partition()));
                }
                ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("changelogs not read to their end in " + PATIENCE.toMinutes() + " min: " + ends.keySet());
                }
            }
            return new RawChangelogRead(records, (System.nanoTime() - started) / 1e9, nonEmpty);
        }
    }
}
