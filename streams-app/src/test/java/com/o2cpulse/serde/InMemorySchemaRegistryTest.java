package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.o2cpulse.schema.events.OrderEvent;
import com.o2cpulse.schema.events.ShipmentEvent;
import com.o2cpulse.schema.kpi.FillRateKpi;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void idsStartAtOneAndAreGlobalAcrossSubjects() {
        assertThat(registry.register("orders-value", OrderEvent.SCHEMA$)).isEqualTo(1);
        assertThat(registry.register("shipments-value", ShipmentEvent.SCHEMA$)).isEqualTo(2);
        assertThat(registry.register("fill-rate-value", FillRateKpi.SCHEMA$)).isEqualTo(3);
    }

    @Test
    void registeringTheSameSchemaAgainReturnsTheSameIdWithoutANewVersion() {
        int first = registry.register("orders-value", OrderEvent.SCHEMA$);
        int again = registry.register("orders-value", new Schema.Parser().parse(OrderEvent.SCHEMA$.toString()));

        assertThat(again).isEqualTo(first);
        assertThat(registry.versions("orders-value")).containsExactly(1);
    }

    @Test
    void sameSchemaUnderAnotherSubjectKeepsItsIdAndStartsThatSubjectAtVersionOne() {
        int id = registry.register("orders-value", OrderEvent.SCHEMA$);
        registry.register("orders-value", ShipmentEvent.SCHEMA$);

        assertThat(registry.register("replay-value", OrderEvent.SCHEMA$)).isEqualTo(id);
        assertThat(registry.latest("replay-value")).hasValueSatisfying(latest -> {
            assertThat(latest.version()).isEqualTo(1);
            assertThat(latest.id()).isEqualTo(id);
        });
    }

    @Test
    void versionsLatestAndLookupDescribeASubjectsHistory() {
        registry.register("orders-value", OrderEvent.SCHEMA$);
        registry.register("orders-value", ShipmentEvent.SCHEMA$);

        assertThat(registry.subjects()).containsExactly("orders-value");
        assertThat(registry.versions("orders-value")).containsExactly(1, 2);
        assertThat(registry.latest("orders-value")).contains(
                new RegisteredSchema("orders-value", 2, 2, ShipmentEvent.SCHEMA$));
        assertThat(registry.lookup("orders-value", OrderEvent.SCHEMA$)).contains(
                new RegisteredSchema("orders-value", 1, 1, OrderEvent.SCHEMA$));
        assertThat(registry.lookup("orders-value", FillRateKpi.SCHEMA$)).isEmpty();
        assertThat(registry.version("orders-value", 3)).isEmpty();
        assertThat(registry.versions("unknown")).isEmpty();
        assertThat(registry.latest("unknown")).isEmpty();
    }

    @Test
    void unknownIdIsSchemaNotFoundNamingTheId() {
        registry.register("orders-value", OrderEvent.SCHEMA$);

        assertThatThrownBy(() -> registry.schemaById(2))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("schema id 2 not found");
        assertThatThrownBy(() -> registry.schemaById(0)).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void concurrentRegistrationsGiveEachDistinctSchemaExactlyOneDenseId() throws Exception {
        List<Schema> schemas = IntStream.range(0, 40)
                .mapToObj(i -> SchemaBuilder.record("R" + i).namespace("test").fields().requiredLong("x").endRecord())
                .toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        Set<String> idBySchema = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> done = IntStream.range(0, 8).<Future<?>>mapToObj(thread -> threads.submit(() -> {
                for (Schema schema : schemas) {
                    idBySchema.add(schema.getName() + "=" + registry.register("s" + thread % 2, schema));
                }
            })).toList();
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(idBySchema).hasSize(40);
        assertThat(schemas).allSatisfy(schema -> assertThat(registry.schemaById(
                registry.lookup("s0", schema).orElseThrow().id())).isEqualTo(schema));
        assertThat(IntStream.rangeClosed(1, 40).mapToObj(registry::schemaById)).hasSize(40);
        assertThat(registry.versions("s0")).hasSize(40);
        assertThat(registry.versions("s1")).hasSize(40);
    }

    @Test
    void aPersistentRegistryGivesTheSameIdsAfterARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path journal = dir.resolve("schemas.jsonl");
        InMemorySchemaRegistry first = InMemorySchemaRegistry.persistentIn(journal);
        int shipmentId = first.register("o2c.shipments-value", ShipmentEvent.getClassSchema());
        int orderId = first.register("o2c.orders-value", OrderEvent.getClassSchema());
        first.register("o2c.orders-value", OrderEvent.getClassSchema());

        InMemorySchemaRegistry restarted = InMemorySchemaRegistry.persistentIn(journal);
        assertThat(restarted.schemaById(shipmentId)).isEqualTo(ShipmentEvent.getClassSchema());
        assertThat(restarted.schemaById(orderId)).isEqualTo(OrderEvent.getClassSchema());
        assertThat(restarted.register("o2c.kpi.fill-rate-value", FillRateKpi.getClassSchema())).isEqualTo(3);
        assertThat(restarted.versions("o2c.orders-value")).containsExactly(1);
    }
}
