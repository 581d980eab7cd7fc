package com.o2cpulse.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * A thread-safe schema registry in memory (the {@code mock://} registry, and the {@code registry} command's) that
 * behaves like Confluent's: ids start at 1 and are global across subjects, a schema is identified by its canonical
 * JSON text and its references, each subject's versions are checked on registration against its compatibility
 * level (default {@link CompatibilityLevel#DEFAULT}), and versions and subjects are deleted softly (hidden, still
 * listed with {@code deleted}) before they may be deleted permanently.
 *
 * <p>Optionally it keeps a journal of every change in a file (JSON lines) and replays it at start, so that data
 * written by an earlier run (state stores, topics) still finds its schema ids after a restart: replaying the same
 * changes in the same order gives every schema the same id.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record StoredSchema(int id, Schema schema, String text, List<SchemaReference> references) {
        String key() {
            return text + references;
        }
    }

    private record Version(int number, int id, boolean deleted) {
        Version softDeleted() {
            return new Version(number, id, true);
        }
    }

    private final Map<String, Integer> idsBySchemaKey = new HashMap<>();
    private final List<StoredSchema> schemasByIdMinusOne = new ArrayList<>();
    /** Every subject's versions, ascending; soft-deleted ones stay until deleted permanently. */
    private final Map<String, List<Version>> versionsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectCompatibility = new TreeMap<>();
    private CompatibilityLevel globalCompatibility = CompatibilityLevel.DEFAULT;
    private final Path journal;

    public InMemorySchemaRegistry() {
        this.journal = null;
    }

    private InMemorySchemaRegistry(Path journal) {
        this.journal = journal;
    }

    /** A registry whose changes survive restarts in {@code journal} (JSON lines; created when missing). */
    public static InMemorySchemaRegistry persistentIn(Path journal) {
        InMemorySchemaRegistry replayed = new InMemorySchemaRegistry();
        try {
            if (Files.exists(journal)) {
                for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        replayed.apply(JSON.readTree(line));
                    }
                }
            } else {
                Files.createDirectories(journal.toAbsolutePath().getParent());
            }
        } catch (IOException | RuntimeException e) {
            throw new SchemaRegistryException("cannot read the schema journal " + journal + ": " + e.getMessage());
        }
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry(journal);
        registry.idsBySchemaKey.putAll(replayed.idsBySchemaKey);
        registry.schemasByIdMinusOne.addAll(replayed.schemasByIdMinusOne);
        registry.versionsBySubject.putAll(replayed.versionsBySubject);
        registry.subjectCompatibility.putAll(replayed.subjectCompatibility);
        registry.globalCompatibility = replayed.globalCompatibility;
        return registry;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Registration and look-ups

    /**
     * The in-process client's registration (what {@code mock://} serializers call): like Confluent's mock client it
     * does not check compatibility, so that one process may write several record types to a subject.
     */
    @Override
    public int register(String subject, Schema schema) {
        return register(subject, schema.toString(), List.of(), false);
    }

    /**
     * Registers a schema given as text, with the references it uses, as the REST API does, and returns its global
     * id: the existing version's id when the subject already has it; otherwise a new version, if it is compatible.
     *
     * @throws RegistryRefusal 422/42201 when the schema is not valid Avro or a reference does not resolve, 409/409 when
     *                         it breaks the subject's compatibility level
     */
    public int register(String subject, String schemaText, List<SchemaReference> references) {
        return register(subject, schemaText, references, true);
    }

    private synchronized int register(String subject, String schemaText, List<SchemaReference> references, boolean checked) {
        Objects.requireNonNull(subject, "subject");
        StoredSchema candidate = parse(schemaText, references);
        Optional<Version> existing = live(subject).stream()
                .filter(version -> stored(version.id()).key().equals(candidate.key()))
                .findFirst();
        if (existing.isPresent()) {
            return existing.get().id();
        }
        List<String> problems = checked ? incompatibilities(compatibility(subject), candidate.schema(), live(subject)) : List.of();
        if (!problems.isEmpty()) {
            throw RegistryRefusal.incompatible(subject, problems.toString());
        }
        ObjectNode entry = JSON.createObjectNode().put("op", "register").put("subject", subject).put("schema", schemaText);
        ArrayNode refs = entry.putArray("references");
        references.forEach(ref -> refs.addObject().put("name", ref.name()).put("subject", ref.subject()).put("version", ref.version()));
        record(entry);
        return addVersion(subject, candidate);
    }

    private int addVersion(String subject, StoredSchema candidate) {
        int id = idsBySchemaKey.computeIfAbsent(candidate.key(), key -> {
            int next = schemasByIdMinusOne.size() + 1;
            schemasByIdMinusOne.add(new StoredSchema(next, candidate.schema(), candidate.text(), candidate.references()));
            return next;
        });
        List<Version> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        int number = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).number() + 1;
        versions.add(new Version(number, id, false));
        return id;
    }

    /** Parses a schema with its references, each referenced version's own references first. */
    public synchronized Schema parseSchema(String schemaText, List<SchemaReference> references) {
        return parse(schemaText, references).schema();
    }

    private StoredSchema parse(String schemaText, List<SchemaReference> references) {
        Schema.Parser parser = new Schema.Parser();
        Set<Integer> defined = new LinkedHashSet<>();
        for (SchemaReference reference : references) {
            define(parser, reference, defined);
        }
        Schema schema;
        try {
            schema = parser.parse(schemaText);
            schema.toString(); // Avro resolves some names lazily: a type that is not defined fails here
        } catch (RuntimeException e) {
            throw RegistryRefusal.invalidSchema(String.valueOf(e.getMessage()));
        }
        String text = references.isEmpty() ? schema.toString() : compact(schemaText);
        return new StoredSchema(0, schema, text, List.copyOf(references));
    }

    private void define(Schema.Parser parser, SchemaReference reference, Set<Integer> defined) {
        Version version = live(reference.subject()).stream().filter(v -> v.number() == reference.version()).findFirst()
                .orElseThrow(() -> RegistryRefusal.invalidSchema("reference '" + reference.name() + "' names version "
                        + reference.version() + " of subject '" + reference.subject() + "', which does not exist"));
        StoredSchema referenced = stored(version.id());
        if (!defined.add(referenced.id())) {
            return;
        }
        for (SchemaReference nested : referenced.references()) {
            define(parser, nested, defined);
        }
        try {
            parser.parse(referenced.text());
        } catch (RuntimeException e) {
            throw RegistryRefusal.invalidSchema("reference '" + reference.name() + "': " + e.getMessage());
        }
    }

    private static String compact(String json) {
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (IOException e) {
            throw RegistryRefusal.invalidSchema("not JSON: " + e.getMessage());
        }
    }

    /** What keeps {@code candidate} from joining versions {@code earlier} (non-deleted, ascending) under {@code level}. */
    private List<String> incompatibilities(CompatibilityLevel level, Schema candidate, List<Version> earlier) {
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return List.of();
        }
        List<Version> against = level.transitive() ? earlier : earlier.subList(earlier.size() - 1, earlier.size());
        List<String> problems = new ArrayList<>();
        for (Version version : against) {
            Schema old = schemaById(version.id());
            List<Incompatibility> found = new ArrayList<>();
            if (level.newReadsOld()) {
                found.addAll(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old).getResult().getIncompatibilities());
            }
            if (level.oldReadsNew()) {
                found.addAll(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate).getResult().getIncompatibilities());
            }
            for (Incompatibility incompatibility : found) {
                problems.add("{errorType:'" + incompatibility.getType() + "', description:'" + incompatibility.getMessage()
                        + "' at '" + incompatibility.getLocation() + "', oldSchemaVersion: " + version.number()
                        + ", compatibility: '" + level + "'}");
            }
        }
        return problems;
    }

    /** Whether {@code schema} may follow the given version ({@code null}: every version the level names) of a subject. */
    public synchronized List<String> compatibilityProblems(String subject, Integer versionNumber, String schemaText,
                                                           List<SchemaReference> references) {
        Schema candidate = parse(schemaText, references).schema();
        CompatibilityLevel level = compatibility(subject);
        if (versionNumber == null) {
            return incompatibilities(level, candidate, live(subject));
        }
        Version version = liveVersion(subject, versionNumber);
        CompatibilityLevel direct = switch (level) {
            case BACKWARD_TRANSITIVE -> CompatibilityLevel.BACKWARD;
            case FORWARD_TRANSITIVE -> CompatibilityLevel.FORWARD;
            case FULL_TRANSITIVE -> CompatibilityLevel.FULL;
            default -> level;
        };
        return incompatibilities(direct, candidate, List.of(version));
    }

    @Override
    public synchronized Schema schemaById(int id) {
        return stored(id).schema();
    }

    private StoredSchema stored(int id) {
        if (id < 1 || id > schemasByIdMinusOne.size()) {
            throw new SchemaNotFoundException("schema id " + id + " not found");
        }
        return schemasByIdMinusOne.get(id - 1);
    }

    /** The schema text as registered (references not inlined) and its references. */
    public synchronized Map.Entry<String, List<SchemaReference>> schemaTextById(int id) {
        StoredSchema stored = stored(id);
        return Map.entry(stored.text(), stored.references());
    }

    /** The subjects with at least one version (with {@code deleted}, soft-deleted ones too), alphabetically. */
    public synchronized List<String> subjects(boolean deleted) {
        return versionsBySubject.entrySet().stream()
                .filter(entry -> deleted ? !entry.getValue().isEmpty() : entry.getValue().stream().anyMatch(v -> !v.deleted()))
                .map(Map.Entry::getKey).toList();
    }

    /** The subjects with at least one version that is not deleted, alphabetically. */
    public List<String> subjects() {
        return subjects(false);
    }

    /** The version numbers of a subject, oldest first (with {@code deleted}, soft-deleted ones too); empty when unknown. */
    public synchronized List<Integer> versions(String subject, boolean deleted) {
        return versionsBySubject.getOrDefault(subject, List.of()).stream()
                .filter(version -> deleted || !version.deleted()).map(Version::number).toList();
    }

    /** The version numbers of a subject that are not deleted, oldest first; empty when the subject is unknown. */
    public List<Integer> versions(String subject) {
        return versions(subject, false);
    }

    /** One version of a subject (with {@code deleted}, also a soft-deleted one), if both exist. */
    public synchronized Optional<RegisteredSchema> version(String subject, int number, boolean deleted) {
        return versionsBySubject.getOrDefault(subject, List.of()).stream()
                .filter(version -> version.number() == number && (deleted || !version.deleted()))
                .findFirst().map(version -> registered(subject, version));
    }

    public Optional<RegisteredSchema> version(String subject, int number) {
        return version(subject, number, false);
    }

    /** The newest version of a subject that is not deleted, if there is one. */
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        List<Version> live = live(subject);
        return live.isEmpty() ? Optional.empty() : Optional.of(registered(subject, live.get(live.size() - 1)));
    }

    /** The version under which {@code schema} is registered in {@code subject}, if it is. */
    public Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        return lookup(subject, schema.toString(), List.of(), false);
    }

    /** As {@link #lookup(String, Schema)} for a schema given as text with references; {@code deleted} includes soft-deleted versions. */
    public synchronized Optional<RegisteredSchema> lookup(String subject, String schemaText, List<SchemaReference> references,
                                                        boolean deleted) {
        Integer id = idsBySchemaKey.get(parse(schemaText, references).key());
        if (id == null) {
            return Optional.empty();
        }
        return versionsBySubject.getOrDefault(subject, List.of()).stream()
                .filter(version -> version.id() == id && (deleted || !version.deleted()))
                .reduce((first, second) -> second).map(version -> registered(subject, version));
    }

    /** Every (subject, version) that uses schema {@code id}; with {@code deleted}, soft-deleted versions too. */
    public synchronized List<RegisteredSchema> usesOf(int id, boolean deleted) {
        stored(id);
        List<RegisteredSchema> uses = new ArrayList<>();
        versionsBySubject.forEach((subject, versions) -> versions.stream()
                .filter(version -> version.id() == id && (deleted || !version.deleted()))
                .forEach(version -> uses.add(registered(subject, version))));
        return uses;
    }

    /** The ids of the schemas that reference the given version of a subject. */
    public synchronized List<Integer> referencedBy(String subject, int number) {
        liveVersion(subject, number);
        return schemasByIdMinusOne.stream()
                .filter(schema -> schema.references().stream().anyMatch(ref -> ref.subject().equals(subject) && ref.version() == number))
                .map(StoredSchema::id).toList();
    }

    private RegisteredSchema registered(String subject, Version version) {
        return new RegisteredSchema(subject, version.number(), version.id(), schemaById(version.id()));
    }

    private List<Version> live(String subject) {
        return versionsBySubject.getOrDefault(subject, List.of()).stream().filter(version -> !version.deleted()).toList();
    }

    private Version liveVersion(String subject, int number) {
        if (live(subject).isEmpty()) {
            throw RegistryRefusal.subjectNotFound(subject);
        }
        return live(subject).stream().filter(version -> version.number() == number).findFirst()
                .orElseThrow(() -> RegistryRefusal.versionNotFound(subject, Integer.toString(number)));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Deletes

    /**
     * Deletes every version of a subject, softly or, once soft-deleted, permanently; returns the version numbers.
     *
     * @throws RegistryRefusal 40401 unknown subject, 40404 soft-deleting it again, 40405 permanent before soft
     */
    public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Version> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            throw RegistryRefusal.subjectNotFound(subject);
        }
        boolean allSoftDeleted = versions.stream().allMatch(Version::deleted);
        if (!permanent && allSoftDeleted) {
            throw new RegistryRefusal(404, 40404, "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
        }
        if (permanent && !allSoftDeleted) {
            throw new RegistryRefusal(404, 40405, "Subject '" + subject + "' was not deleted first before being permanently deleted");
        }
        record(JSON.createObjectNode().put("op", "delete").put("subject", subject).put("permanent", permanent));
        return applySubjectDelete(subject, permanent);
    }

    private List<Integer> applySubjectDelete(String subject, boolean permanent) {
        List<Version> versions = versionsBySubject.get(subject);
        List<Integer> numbers = versions.stream().filter(version -> permanent || !version.deleted()).map(Version::number).toList();
        if (permanent) {
            versionsBySubject.remove(subject);
            subjectCompatibility.remove(subject);
        } else {
            versions.replaceAll(Version::softDeleted);
        }
        return numbers;
    }

    /**
     * Deletes one version ({@code null}: the latest that is not deleted), softly or, once soft-deleted, permanently.
     *
     * @throws RegistryRefusal 40401, 40402 unknown, 40406 soft-deleting it again, 40407 permanent before soft
     */
    public synchronized int deleteVersion(String subject, Integer number, boolean permanent) {
        List<Version> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            throw RegistryRefusal.subjectNotFound(subject);
        }
        Optional<Version> found = number == null
                ? Optional.ofNullable(live(subject).isEmpty() ? null : live(subject).get(live(subject).size() - 1))
                : versions.stream().filter(version -> version.number() == number).findFirst();
        Version version = found.orElseThrow(() -> RegistryRefusal.versionNotFound(subject, number == null ? "latest" : number.toString()));
        if (!permanent && version.deleted()) {
            throw new RegistryRefusal(404, 40406, "Subject '" + subject + "' Version " + version.number()
                    + " was soft deleted. Set permanent=true to delete permanently");
        }
        if (permanent && !version.deleted()) {
            throw new RegistryRefusal(404, 40407, "Subject '" + subject + "' Version " + version.number()
                    + " was not deleted first before being permanently deleted");
        }
        record(JSON.createObjectNode().put("op", "delete").put("subject", subject).put("version", version.number()).put("permanent", permanent));
        applyVersionDelete(subject, version.number(), permanent);
        return version.number();
    }

    private void applyVersionDelete(String subject, int number, boolean permanent) {
        List<Version> versions = versionsBySubject.get(subject);
        if (permanent) {
            versions.removeIf(version -> version.number() == number);
            if (versions.isEmpty()) {
                versionsBySubject.remove(subject);
            }
        } else {
            versions.replaceAll(version -> version.number() == number ? version.softDeleted() : version);
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Compatibility configuration

    public synchronized CompatibilityLevel globalCompatibility() {
        return globalCompatibility;
    }

    /** The level set for the subject, if one is. */
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectCompatibility.get(subject));
    }

    /** The level registrations under the subject are checked against: its own, or the global one. */
    public synchronized CompatibilityLevel compatibility(String subject) {
        return subjectCompatibility.getOrDefault(subject, globalCompatibility);
    }

    /** Sets the global level ({@code subject} null) or a subject's; {@code level} null removes it; returns the one it replaced. */
    public synchronized Optional<CompatibilityLevel> setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode entry = JSON.createObjectNode().put("op", "config");
        if (subject != null) {
            entry.put("subject", subject);
        }
        entry.put("compatibility", level == null ? null : level.name());
        record(entry);
        return applyConfig(subject, level);
    }

    private Optional<CompatibilityLevel> applyConfig(String subject, CompatibilityLevel level) {
        if (subject == null) {
            CompatibilityLevel before = globalCompatibility;
            globalCompatibility = level == null ? CompatibilityLevel.DEFAULT : level;
            return Optional.of(before);
        }
        return Optional.ofNullable(level == null ? subjectCompatibility.remove(subject) : subjectCompatibility.put(subject, level));
    }

    // -----------------------------------------------------------------------------------------------------------
    // The journal

    private void record(ObjectNode entry) {
        if (journal == null) {
            return;
        }
        try {
            Files.writeString(journal, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SchemaRegistryException("cannot append to the schema journal " + journal + ": " + e.getMessage());
        }
    }

    /** Replays one journal entry; entries without "op" are registrations (the journal's first format). */
    private void apply(JsonNode entry) {
        String op = entry.path("op").asText("register");
        String subject = entry.hasNonNull("subject") ? entry.get("subject").asText() : null;
        switch (op) {
            case "register" -> {
                List<SchemaReference> references = new ArrayList<>();
                entry.path("references").forEach(ref -> references.add(
                        new SchemaReference(ref.get("name").asText(), ref.get("subject").asText(), ref.get("version").asInt())));
                StoredSchema candidate = parse(entry.get("schema").asText(), references);
                boolean present = live(subject).stream().anyMatch(version -> stored(version.id()).key().equals(candidate.key()));
                if (!present) {
                    addVersion(subject, candidate);
                }
            }
            case "delete" -> {
                if (entry.has("version")) {
                    applyVersionDelete(subject, entry.get("version").asInt(), entry.path("permanent").asBoolean());
                } else {
                    applySubjectDelete(subject, entry.path("permanent").asBoolean());
                }
            }
            case "config" -> applyConfig(subject, entry.hasNonNull("compatibility")
                    ? CompatibilityLevel.valueOf(entry.get("compatibility").asText()) : null);
            default -> throw new IllegalStateException("unknown journal entry " + entry);
        }
    }
}
