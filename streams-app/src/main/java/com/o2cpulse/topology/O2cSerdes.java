package com.o2cpulse.topology;

import com.o2cpulse.kpi.KpiTotal;
import com.o2cpulse.kpi.KpiTotalCodec;
import com.o2cpulse.lifecycle.EventValidator;
import com.o2cpulse.lifecycle.InvalidEventException;
import com.o2cpulse.lifecycle.LifecycleFact;
import com.o2cpulse.lifecycle.LifecycleFactCodec;
import com.o2cpulse.lifecycle.OrderState;
import com.o2cpulse.lifecycle.OrderStateCodec;
import java.util.function.Function;
import com.o2cpulse.serde.AvroSerde;
import com.o2cpulse.serde.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The serdes of the application. External topics (input, KPI, order status, exceptions) carry Avro in the
 * Confluent wire format, bound to one schema registry; internal records (stores, changelogs, repartition topics)
 * use versioned binary formats of their own, so a registry outage can only pause reading input and writing output.
 */
public final class O2cSerdes {

    private final SchemaRegistryClient registry;
    private final EventValidator validator = new EventValidator();

    public O2cSerdes(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    /** A value serde for topics that carry several record types; decodes into the writer schema's class. */
    public Serde<SpecificRecord> anyValue() {
        return AvroSerde.anyRecord(registry, false);
    }

    /** An Avro record value serde. */
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return AvroSerde.forClass(type, registry, false);
    }

    /**
     * An input event serde whose deserializer also validates, so that undecodable and invalid records take the
     * same path: a {@link SerializationException} naming the reason, which the handler sends to the dead-letter topic.
     */
    public <T extends SpecificRecordBase> Serde<T> inputEvent(Class<T> type) {
        Serde<T> avro = value(type);
        Deserializer<T> validating = (topic, data) -> {
            T event = avro.deserializer().deserialize(topic, data);
            if (event == null) {
                throw new SerializationException("empty record value (no event)");
            }
            try {
                validator.validate(event);
            } catch (InvalidEventException e) {
                throw new SerializationException("invalid " + e.getMessage());
            }
            return event;
        };
        return Serdes.serdeFrom(avro.serializer(), validating);
    }

    public static Serde<KpiTotal> kpiTotal() {
        return internal(KpiTotalCodec::encode, KpiTotalCodec::decode);
    }

    public static Serde<OrderState> orderState() {
        return internal(OrderStateCodec::encode, OrderStateCodec::decode);
    }

    public static Serde<LifecycleFact> lifecycleFact() {
        return internal(LifecycleFactCodec::encode, LifecycleFactCodec::decode);
    }

    private static <T> Serde<T> internal(Function<T, byte[]> encode, Function<byte[], T> decode) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : encode.apply(value),
                (topic, bytes) -> bytes == null ? null : decode.apply(bytes));
    }
}
