package com.o2cpulse.bench;

import java.util.Optional;

/** One application under measurement: it reads the bench input under its own consumer group and writes somewhere. */
interface Contestant extends AutoCloseable {

    /** A short name for the report: copy, streams, pulse. */
    String name();

    /** The consumer group whose committed offsets show its progress. */
    String groupId();

    /** Prefix of its internal (repartition, changelog) topics; empty for a plain client. */
    Optional<String> internalTopicPrefix();

    /** Whether this thread is one of its own: Kafka names client threads after the group or transactional id. */
    default boolean ownsThread(String threadName) {
        return threadName.contains(groupId());
    }

    /** Whether it writes to this topic: what counts as its bytes written. */
    boolean writes(String topic);

    /** What its producers have sent so far; read while it runs, since closing drops its metrics. */
    ProducedBytes produced();

    void start() throws Exception;

    /** Throws when the contestant has failed, so that a dead run ends at once instead of at the timeout. */
    void checkAlive();

    /** Prints what only this contestant measures about itself, if anything. */
    default Optional<String> details() {
        return Optional.empty();
    }

    @Override
    void close();
}
