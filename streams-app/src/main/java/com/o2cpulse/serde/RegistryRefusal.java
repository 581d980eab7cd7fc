package com.o2cpulse.serde;

/**
 * A request the registry refuses, with the HTTP status and the error code Confluent's registry answers for it
 * (e.g. 409/409 for an incompatible schema, 422/42201 for an invalid one, 404/40401 for an unknown subject).
 */
public final class RegistryRefusal extends SchemaRegistryException {

    private final int status;
    private final int errorCode;

    RegistryRefusal(int status, int errorCode, String message) {
        super(message.replaceAll("\\s*\\R\\s*", " "));
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    static RegistryRefusal subjectNotFound(String subject) {
        return new RegistryRefusal(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryRefusal versionNotFound(String subject, String version) {
        return new RegistryRefusal(404, 40402, "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryRefusal schemaNotFound(String what) {
        return new RegistryRefusal(404, 40403, what.isEmpty() ? "Schema not found" : "Schema " + what + " not found");
    }

    static RegistryRefusal invalidSchema(String detail) {
        return new RegistryRefusal(422, 42201, "Invalid schema: " + detail);
    }

    static RegistryRefusal invalidVersion(String version) {
        return new RegistryRefusal(422, 42202, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryRefusal invalidCompatibility(String level) {
        return new RegistryRefusal(422, 42203, "Invalid compatibility level '" + level + "'. Valid values are "
                + CompatibilityLevel.validValues());
    }

    static RegistryRefusal incompatible(String subject, String details) {
        return new RegistryRefusal(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\", details: " + details);
    }
}
