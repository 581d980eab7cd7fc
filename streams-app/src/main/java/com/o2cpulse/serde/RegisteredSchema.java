package com.o2cpulse.serde;

import org.apache.avro.Schema;

/** One version of a subject: its version number within the subject, its global id and the schema. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
