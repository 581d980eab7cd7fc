package com.o2cpulse.chaos;

import java.nio.file.Path;

/** The files of one chaos run, all in its run folder. */
record RunFiles(Path dir) {

    /** Every event the cluster acknowledged, one replay-file line each, in acknowledgement order: the truth's input. */
    Path events() {
        return dir.resolve("events.jsonl");
    }

    /** Events whose send failed: their fate is unknown, so a run with any is not conclusive. */
    Path unacknowledged() {
        return dir.resolve("unacknowledged.jsonl");
    }

    /** Every injected poison record: kind, topic, partition, offset. */
    Path poison() {
        return dir.resolve("poison.tsv");
    }

    /** Wall-clock milliseconds at which read_committed KPI records arrived, and how many. */
    Path kpiArrivals() {
        return dir.resolve("kpi-arrivals.log");
    }

    /** One line per fault: kind, target, injected at, recovered at (epoch milliseconds). */
    Path recovery() {
        return dir.resolve("recovery.tsv");
    }

    /** The input offsets the group had committed past at the last successful recovery check. */
    Path committedFloor() {
        return dir.resolve("committed-floor.tsv");
    }

    /** Written by the producer when it has stopped and flushed everything: its counts. */
    Path producerDone() {
        return dir.resolve("producer.done");
    }
}
