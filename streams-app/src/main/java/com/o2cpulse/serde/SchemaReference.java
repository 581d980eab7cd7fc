package com.o2cpulse.serde;

/** A named type a schema uses, defined by a version of another subject (Confluent's schema references). */
public record SchemaReference(String name, String subject, int version) {
}
