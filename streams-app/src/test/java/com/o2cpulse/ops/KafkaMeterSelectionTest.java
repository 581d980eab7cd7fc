package com.o2cpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.topology.TopologySettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaMeterSelectionTest {

    private static SimpleMeterRegistry registryKeepingAll(boolean all) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KafkaMeterSelection.filters(TopologySettings.DEFAULT.topics(), all).forEach(registry.config()::meterFilter);
        return registry;
    }

    private static void register(SimpleMeterRegistry registry, String name, String... tags) {
        Gauge.builder(name, () -> 1).tags(Tags.of(tags)).register(registry);
    }

    private static List<String> names(SimpleMeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId).map(id -> id.getName() + id.getTags()).sorted().toList();
    }

    @Test
    void byDefaultOnlyTheKafkaMetersThatAlertsReadAreKeptAndOursAreUntouched() {
        SimpleMeterRegistry registry = registryKeepingAll(false);

        register(registry, "kafka.stream.alive.stream.threads");
        register(registry, "kafka.stream.thread.process.rate", "thread.id", "t-1");
        register(registry, "kafka.consumer.fetch.manager.records.lag", "topic", "o2c.orders", "partition", "0");
        register(registry, "kafka.stream.processor.node.process.rate", "processor.node.id", "lifecycle");
        register(registry, "kafka.stream.state.put.rate", "rocksdb.state.id", "order-states");
        register(registry, "kafka.producer.node.request.latency.avg", "node.id", "node-1");
        register(registry, "kafka.admin.client.connection.count");
        register(registry, "o2c.ready");

        assertThat(names(registry)).containsExactly(
                "kafka.consumer.fetch.manager.records.lag[tag(partition=0), tag(topic=o2c.orders)]",
                "kafka.stream.alive.stream.threads[]",
                "kafka.stream.thread.process.rate[tag(thread.id=t-1)]",
                "o2c.ready[]");
    }

    @Test
    void theSwitchKeepsEveryKafkaMeter() {
        SimpleMeterRegistry registry = registryKeepingAll(true);

        register(registry, "kafka.stream.processor.node.process.rate", "processor.node.id", "lifecycle");
        register(registry, "kafka.admin.client.connection.count");

        assertThat(registry.getMeters()).hasSize(2);
    }

    @Test
    void eachPartitionsLagIsOneSeriesNotASecondUnderTheUnderscoredTopicName() {
        for (boolean all : new boolean[] {false, true}) {
            SimpleMeterRegistry registry = registryKeepingAll(all);

            register(registry, "kafka.consumer.fetch.manager.records.lag", "topic", "o2c.orders", "partition", "0");
            register(registry, "kafka.consumer.fetch.manager.records.lag", "topic", "o2c_orders", "partition", "0");

            assertThat(names(registry)).as("all=%s", all)
                    .containsExactly("kafka.consumer.fetch.manager.records.lag[tag(partition=0), tag(topic=o2c.orders)]");
        }
    }
}
