package com.o2cpulse.serde;

/** Confluent's default subject naming: {@code <topic>-value} for values, {@code <topic>-key} for keys. */
public final class TopicNameStrategy {

    private TopicNameStrategy() {
    }

    /** The subject under which the schemas of a topic's keys or values are registered. */
    public static String subject(String topic, boolean isKey) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a topic name is required to name the schema subject");
        }
        return topic + (isKey ? "-key" : "-value");
    }
}
