package com.o2cpulse.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A thread-safe schema registry in memory (the {@code mock://} registry): ids start at 1 and are global across
 * subjects, and a schema is identified by its canonical JSON text, as in Confluent's registry. Optionally it keeps
 * a journal of its registrations in a file and replays it at start, so that data written by an earlier run (state
 * stores, topics) still finds its schema ids after a restart.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final List<Schema> schemasByIdMinusOne = new ArrayList<>();
    private final Map<String, List<Integer>> idsBySubjectVersion = new TreeMap<>();
    private final Path journal;

    public InMemorySchemaRegistry() {
        this.journal = null;
    }

    private InMemorySchemaRegistry(Path journal) {
        this.journal = journal;
    }

    /** A registry whose registrations survive restarts in {@code journal} (JSON lines; created when missing). */
    public static InMemorySchemaRegistry persistentIn(Path journal) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry(journal);
        try {
            if (Files.exists(journal)) {
                for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        JsonNode entry = JSON.readTree(line);
                        registry.add(entry.get("subject").asText(), new Schema.Parser().parse(entry.get("schema").asText()));
                    }
                }
            } else {
                Files.createDirectories(journal.toAbsolutePath().getParent());
            }
        } catch (IOException | RuntimeException e) {
            throw new SchemaRegistryException("cannot read the schema journal " + journal + ": " + e.getMessage());
        }
        return registry;
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        int versionsBefore = idsBySubjectVersion.getOrDefault(subject, List.of()).size();
        int id = add(subject, schema);
        if (journal != null && idsBySubjectVersion.get(subject).size() > versionsBefore) {
            ObjectNode entry = JSON.createObjectNode().put("subject", subject).put("schema", schema.toString());
            try {
                Files.writeString(journal, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new SchemaRegistryException("cannot append to the schema journal " + journal + ": " + e.getMessage());
            }
        }
        return id;
    }

    private int add(String subject, Schema schema) {
        int id = idsBySchemaText.computeIfAbsent(schema.toString(), text -> {
            schemasByIdMinusOne.add(schema);
            return schemasByIdMinusOne.size();
        });
        List<Integer> versions = idsBySubjectVersion.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        if (id < 1 || id > schemasByIdMinusOne.size()) {
            throw new SchemaNotFoundException("schema id " + id + " not found");
        }
        return schemasByIdMinusOne.get(id - 1);
    }

    /** The subjects with at least one registered schema, in alphabetical order. */
    public synchronized List<String> subjects() {
        return List.copyOf(idsBySubjectVersion.keySet());
    }

    /** The version numbers of a subject, oldest first; empty when the subject is unknown. */
    public synchronized List<Integer> versions(String subject) {
        int count = idsBySubjectVersion.getOrDefault(subject, List.of()).size();
        List<Integer> versions = new ArrayList<>(count);
        for (int version = 1; version <= count; version++) {
            versions.add(version);
        }
        return versions;
    }

    /** One version of a subject, if both exist. */
    public synchronized Optional<RegisteredSchema> version(String subject, int version) {
        List<Integer> ids = idsBySubjectVersion.getOrDefault(subject, List.of());
        if (version < 1 || version > ids.size()) {
            return Optional.empty();
        }
        int id = ids.get(version - 1);
        return Optional.of(new RegisteredSchema(subject, version, id, schemaById(id)));
    }

    /** The newest version of a subject, if the subject exists. */
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        return version(subject, idsBySubjectVersion.getOrDefault(subject, List.of()).size());
    }

    /** The version under which {@code schema} is registered in {@code subject}, if it is. */
    public synchronized Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        Integer id = idsBySchemaText.get(schema.toString());
        List<Integer> ids = idsBySubjectVersion.getOrDefault(subject, List.of());
        if (id == null || !ids.contains(id)) {
            return Optional.empty();
        }
        return Optional.of(new RegisteredSchema(subject, ids.indexOf(id) + 1, id, schemaById(id)));
    }
}
