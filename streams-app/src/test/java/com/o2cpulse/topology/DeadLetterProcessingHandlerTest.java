package com.o2cpulse.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterProcessingHandlerTest {

    private final List<String> deadLettered = new ArrayList<>();
    private final DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();

    DeadLetterProcessingHandlerTest() {
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "o2c.dlq",
                PipelineMetrics.CONFIG_KEY, new PipelineMetrics() {
                    @Override
                    public void eventReceived(com.o2cpulse.lifecycle.EventStream stream) {
                    }

                    @Override
                    public void deadLettered(String topic) {
                        deadLettered.add(topic);
                    }

                    @Override
                    public void kpiPublished(com.o2cpulse.kpi.KpiFamily family) {
                    }

                    @Override
                    public void endToEndLatency(long millis) {
                    }

                    @Override
                    public void lateEvent(com.o2cpulse.lifecycle.EventStream stream) {
                    }

                    @Override
                    public void orderRetired(com.o2cpulse.lifecycle.Retention.Reason reason) {
                    }
                }));
    }

    @Test
    void aRecordThatFailsIsDeadLetteredWithItsOrigin() {
        Response response = handler.handleError(context("o2c.shipments", 2, 41), new Record<>("k", "v", 0L),
                new IllegalArgumentException("negative quantity"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(letter -> assertThat(new String(letter.headers().lastHeader("__streams.errors.topic").value()))
                        .isEqualTo("o2c.shipments"));
        assertThat(deadLettered).containsExactly("o2c.shipments");
    }

    @Test
    void aFailedPunctuationIsNotDeadLetteredButFailsTheThreadSoThatItRunsAgain() {
        Response response = handler.handleError(context(null, -1, -1), null, new IllegalStateException("store read failed"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(deadLettered).isEmpty();
    }

    /** What Kafka Streams hands a handler: a source record's origin, or none in a punctuation. */
    private static ErrorHandlerContext context(String topic, int partition, long offset) {
        Headers headers = new RecordHeaders();
        return new ErrorHandlerContext() {
            @Override public String topic() { return topic; }
            @Override public int partition() { return partition; }
            @Override public long offset() { return offset; }
            @Override public Headers headers() { return headers; }
            @Override public String processorNodeId() { return "lifecycle"; }
            @Override public TaskId taskId() { return new TaskId(1, Math.max(partition, 0)); }
            @Override public long timestamp() { return 0; }
            @Override public byte[] sourceRawKey() { return topic == null ? null : "k".getBytes(); }
            @Override public byte[] sourceRawValue() { return topic == null ? null : "v".getBytes(); }
        };
    }
}
