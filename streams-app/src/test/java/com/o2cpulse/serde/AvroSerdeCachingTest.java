package com.o2cpulse.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.schema.kpi.ReconciliationKpi;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeCachingTest {

    private final CountingRegistry registry = new CountingRegistry(new InMemorySchemaRegistry());
    private final AvroSerde<ReconciliationKpi> serde = AvroSerde.forClass(ReconciliationKpi.class, registry, false);

    @Test
    void serialisingAThousandRecordsRegistersTheSchemaOnce() {
        for (int i = 0; i < 1000; i++) {
            serde.serializer().serialize("o2c.kpi.reconciliation", kpi(i));
        }

        assertThat(registry.registerCalls()).isEqualTo(1);
    }

    @Test
    void eachTopicRegistersUnderItsOwnSubjectOnce() {
        for (int i = 0; i < 100; i++) {
            serde.serializer().serialize("topic-a", kpi(i));
            serde.serializer().serialize("topic-b", kpi(i));
        }

        assertThat(registry.registerCalls()).isEqualTo(2);
    }

    @Test
    void deserialisingAThousandRecordsFetchesTheWriterSchemaOnce() {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            payloads.add(serde.serializer().serialize("o2c.kpi.reconciliation", kpi(i)));
        }
        AvroSerde<ReconciliationKpi> reader = AvroSerde.forClass(ReconciliationKpi.class, registry, false);

        List<Long> counts = payloads.stream()
                .map(payload -> reader.deserializer().deserialize("o2c.kpi.reconciliation", payload).getCount())
                .toList();

        assertThat(registry.schemaByIdCalls()).isEqualTo(1);
        assertThat(counts).hasSize(1000).startsWith(0L, 1L, 2L).endsWith(999L);
    }

    @Test
    void unknownSchemaIdIsAskedForAgainInCaseItWasRegisteredMeanwhile() {
        byte[] payloadWithFutureId = {0, 0, 0, 0, 1, 2, 65, 0, 0};
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                serde.deserializer().deserialize("t", payloadWithFutureId);
            } catch (SerializationException expected) {
                // the id is not registered yet
            }
        }
        assertThat(registry.schemaByIdCalls()).isEqualTo(2);
    }

    private static ReconciliationKpi kpi(long count) {
        return ReconciliationKpi.newBuilder(SampleRecords.reconciliationKpi()).setCount(count).build();
    }
}
