package com.o2cpulse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A dashboard's view of the KPI topics: a read_committed consumer that notes, for each probe, the wall-clock time
 * at which the first KPI record naming its day was returned by poll, i.e. became visible to a reader.
 */
final class KpiVisibilityWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> kpiTopics;
    private final ProbeLedger ledger;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;

    KpiVisibilityWatcher(String bootstrap, List<String> kpiTopics, ProbeLedger ledger) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The broker holds an empty fetch this long; a short wait keeps the watcher's own delay out of the figure.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.kpiTopics = List.copyOf(kpiTopics);
        this.ledger = ledger;
        this.thread = new Thread(this::watch, "bench-kpi-watcher");
    }

    void start(Duration patience) throws InterruptedException, TimeoutException {
        thread.start();
        if (!ready.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            checkAlive();
            throw new TimeoutException("KPI watcher not reading after " + patience.toSeconds() + " s");
        }
    }

    void checkAlive() {
        if (failure.get() != null) {
            throw new IllegalStateException("KPI watcher failed: " + failure.get(), failure.get());
        }
    }

    private void watch() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            kpiTopics.forEach(topic -> consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            ready.countDown();
            while (!stopping) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : records) {
                    ProbeDays.probeOf(record.key()).ifPresent(probe -> ledger.visible(probe, now));
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable e) {
            failure.set(e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        thread.join();
    }
}
