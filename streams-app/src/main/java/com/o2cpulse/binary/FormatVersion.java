package com.o2cpulse.binary;

/**
 * The first byte of every internal record (state stores, changelogs, repartition topics) names its format, so
 * that state written by another release is never read as something else.
 */
public final class FormatVersion {

    /** Where the reset procedure is documented; named in every refusal. */
    public static final String RESET_PROCEDURE = "README, section \"Upgrading\"";

    /** Release 0.1 kept its state as Avro in the Confluent wire format, whose first byte is this magic byte. */
    private static final int CONFLUENT_MAGIC_BYTE = 0;

    private FormatVersion() {
    }

    /** Reads and checks the format byte of a record of the given kind. */
    public static void check(BinaryReader reader, int expected, String kind) {
        int found = reader.readByte();
        if (found == expected) {
            return;
        }
        if (found == CONFLUENT_MAGIC_BYTE) {
            throw new IllegalStateException(kind + " written by o2c-pulse 0.1 (Avro state), which this release does not read;"
                    + " reset the application's state: " + RESET_PROCEDURE);
        }
        throw new IllegalStateException(kind + " in format " + found + ", this release reads format " + expected
                + "; reset the application's state: " + RESET_PROCEDURE);
    }
}
