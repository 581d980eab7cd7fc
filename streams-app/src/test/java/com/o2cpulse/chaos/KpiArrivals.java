package com.o2cpulse.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Timestamps the arrival of KPI records as a {@code read_committed} consumer sees them, so that the time from a fault
 * to the KPIs moving again can be read off afterwards. One line per poll that returned records: epoch ms, count.
 */
final class KpiArrivals implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BufferedWriter log;
    private final Thread thread;
    private volatile boolean running = true;

    KpiArrivals(String bootstrapServers, List<String> kpiTopics, Path file) throws IOException {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : kpiTopics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        log = Files.newBufferedWriter(file);
        thread = new Thread(this::watch, "kpi-arrivals");
    }

    KpiArrivals start() {
        thread.start();
        return this;
    }

    private void watch() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    log.write(System.currentTimeMillis() + "\t" + records.count());
                    log.newLine();
                    log.flush();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
        log.close();
    }
}
