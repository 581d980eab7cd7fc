package com.o2cpulse.serde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro instantiate this project's generated classes, which Avro 1.12.2 otherwise refuses with
 * {@code SecurityException: Forbidden ... not trusted}. {@link AvroSerde} calls it; call it yourself before creating
 * a {@code SpecificDatumReader} or {@code SpecificDatumWriter} of your own.
 *
 * <p>Avro reads {@value #SERIALIZABLE_PACKAGES_PROPERTY} once, in the static initialiser of
 * {@code ClassSecurityValidator.SystemPropertiesPredicate}, which runs the first time anything resolves a class from a
 * schema; a value set after that is ignored. So both are done here: the package is added to the property (for a JVM
 * where Avro has not resolved a class yet, and for anything else that reads it), and a predicate trusting it is put in
 * front of Avro's global one with {@code ClassSecurityValidator.setGlobal}, which Avro consults on every resolution.
 * Avro 1.12.2 has no default packages: its always-trusted classes ({@code java.lang.String}, {@code BigDecimal}, ...)
 * live in a separate predicate that stays in force behind ours.
 */
public final class AvroClassTrust {

    public static final String SERIALIZABLE_PACKAGES_PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    public static final String PROJECT_PACKAGE = "com.o2cpulse";

    private AvroClassTrust() {
    }

    /** Trusts {@value #PROJECT_PACKAGE} and its sub-packages; cheap and idempotent. */
    public static void trustProjectClasses() {
        trustPackage(PROJECT_PACKAGE);
    }

    /** Trusts a package and its sub-packages; cheap and idempotent. */
    public static synchronized void trustPackage(String packageName) {
        if (packageName == null || packageName.isBlank()) {
            throw new IllegalArgumentException("a package name is required");
        }
        String current = System.getProperty(SERIALIZABLE_PACKAGES_PROPERTY);
        String updated = withPackage(current, packageName);
        if (!updated.equals(current)) {
            System.setProperty(SERIALIZABLE_PACKAGES_PROPERTY, updated);
        }
        ClassSecurityPredicate global = ClassSecurityValidator.getGlobal();
        if (!(global instanceof TrustedPackage trusted && trusted.covers(packageName))) {
            ClassSecurityValidator.setGlobal(new TrustedPackage(packageName, global));
        }
    }

    /**
     * The property value {@code current} extended to trust {@code packageName}. Sub-packages of it are dropped: Avro
     * matches a class against the greatest entry sorting below its name only, so {@code com.o2cpulse.schema.events}
     * would hide {@code com.o2cpulse} from {@code com.o2cpulse.schema.kpi.OrderStatus}.
     */
    static String withPackage(String current, String packageName) {
        List<String> entries = current == null ? new ArrayList<>()
                : new ArrayList<>(Arrays.stream(current.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .toList());
        if (entries.stream().anyMatch(entry -> entry.equals("*") || isWithin(packageName, entry))) {
            return current;
        }
        entries.removeIf(entry -> isWithin(entry, packageName));
        entries.add(packageName);
        return String.join(",", entries);
    }

    private static boolean isWithin(String name, String packageName) {
        return name.equals(packageName) || name.startsWith(packageName + ".");
    }

    /** Trusts the classes of one package tree, and whatever the predicate it was put in front of trusts. */
    private record TrustedPackage(String packageName, ClassSecurityPredicate behind) implements ClassSecurityPredicate {

        @Override
        public boolean isTrusted(Class<?> type) {
            return type.getName().startsWith(packageName + ".") || behind.isTrusted(type);
        }

        boolean covers(String otherPackage) {
            return isWithin(otherPackage, packageName)
                    || behind instanceof TrustedPackage next && next.covers(otherPackage);
        }
    }
}
