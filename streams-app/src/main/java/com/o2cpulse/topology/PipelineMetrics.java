package com.o2cpulse.topology;

import com.o2cpulse.kpi.KpiFamily;
import com.o2cpulse.lifecycle.EventStream;
import com.o2cpulse.lifecycle.Retention;

/** What the pipeline reports as it runs; the application backs it with Prometheus meters. */
public interface PipelineMetrics {

    /** The key under which the Streams configuration carries this object to the dead-letter handlers. */
    String CONFIG_KEY = "o2c.pipeline.metrics";

    PipelineMetrics NONE = new PipelineMetrics() {
        @Override
        public void eventReceived(EventStream stream) {
        }

        @Override
        public void deadLettered(String sourceTopic) {
        }

        @Override
        public void kpiPublished(KpiFamily family) {
        }

        @Override
        public void endToEndLatency(long millis) {
        }

        @Override
        public void lateEvent(EventStream stream) {
        }

        @Override
        public void orderRetired(Retention.Reason reason) {
        }
    };

    /** A valid input event was read. */
    void eventReceived(EventStream stream);

    /** A record from this topic went to the dead-letter topic. */
    void deadLettered(String sourceTopic);

    /** A KPI record (or tombstone) was published. */
    void kpiPublished(KpiFamily family);

    /** From the append of the oldest event folded into a KPI change to that change's publication. */
    void endToEndLatency(long millis);

    /** An event arrived for an order retired before it: published to the late-events topic, not folded. */
    void lateEvent(EventStream stream);

    /** An order's state was retired after its retention horizon. */
    void orderRetired(Retention.Reason reason);
}
