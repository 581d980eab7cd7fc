package com.o2cpulse.topology;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store that holds nothing and runs its task's step before each commit. Kafka Streams has no public hook
 * there; before a task commits, it flushes the cache of each of the task's cached stores, inside the transaction
 * about to commit, and a cache flush may forward records (that is how KTable caches emit). This store counts as
 * cached, and its cache flush runs the step its processor registered, as that processor, so that what the step
 * forwards and writes commits with the input it comes from.
 *
 * <p>It leans on Kafka Streams internals ({@link CachedStateStore}, {@link InternalProcessorContext}) of the
 * pinned 4.3 release, as its own caching stores do; TopologyTestDriver and the broker tests run it. A standby task
 * has no processor: its copy runs nothing.
 */
final class BeforeCommit implements StateStore, CachedStateStore<Void, Void> {

    private final String name;
    private Runnable step;
    private boolean open;

    private BeforeCommit(String name) {
        this.name = name;
    }

    /** Runs {@code step} as the processor whose context this is, before each commit of its task. */
    void register(ProcessorContext<?, ?> context, Runnable step) {
        if (!(context instanceof InternalProcessorContext<?, ?> internal)) {
            this.step = step; // a MockProcessorContext: no nodes, it captures what is forwarded
            return;
        }
        ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
        this.step = () -> {
            ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
            ProcessorRecordContext previousRecord = internal.recordContext();
            // As for a punctuation: no input record, the stream time as timestamp.
            internal.setRecordContext(new ProcessorRecordContext(internal.currentStreamTimeMs(), -1L, -1, null, new RecordHeaders()));
            internal.setCurrentNode(node);
            try {
                step.run();
            } finally {
                internal.setCurrentNode(previousNode);
                internal.setRecordContext(previousRecord);
            }
        };
    }

    @Override
    public void flushCache() {
        if (step != null) {
            step.run();
        }
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Void, Void> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void clearCache() {
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> {
        });
        open = true;
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
    }

    @Override
    public void close() {
        step = null;
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds the store; it has no changelog and no cache of its own, whatever is asked. */
    static StoreBuilder<BeforeCommit> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<BeforeCommit> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withLoggingEnabled(Map<String, String> config) {
                return this;
            }

            @Override
            public StoreBuilder<BeforeCommit> withLoggingDisabled() {
                return this;
            }

            @Override
            public BeforeCommit build() {
                return new BeforeCommit(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
