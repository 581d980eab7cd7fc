package com.o2cpulse.bench;

import com.o2cpulse.config.Settings;
import com.o2cpulse.run.O2cPulse;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** Contestant (c): o2c-pulse itself, started as in production with {@link O2cPulse#start}. */
final class PulseContestant implements Contestant {

    private final String name;
    private final Settings settings;
    private final List<String> inputTopics;
    private O2cPulse pulse;

    PulseContestant(String name, Settings settings) {
        this.name = name;
        this.settings = settings;
        this.inputTopics = settings.topics().inputs();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String groupId() {
        return settings.applicationId();
    }

    @Override
    public Optional<String> internalTopicPrefix() {
        return Optional.of(settings.applicationId() + "-");
    }

    /** Every topic of its prefix but the inputs (KPIs, order status, exceptions, dead letters), and its internal ones. */
    @Override
    public boolean writes(String topic) {
        return topic.startsWith(settings.topicPrefix()) && !inputTopics.contains(topic)
                || topic.startsWith(settings.applicationId() + "-");
    }

    @Override
    public ProducedBytes produced() {
        return ProducedBytes.of(pulse.streams().metrics());
    }

    @Override
    public void start() {
        pulse = O2cPulse.start(settings, true);
    }

    @Override
    public void checkAlive() {
        KafkaStreams.State state = pulse.streams().state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("o2c-pulse stopped: " + state);
        }
    }

    @Override
    public void close() {
        if (pulse != null) {
            pulse.close();
        }
    }
}
