package com.o2cpulse.replay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a replay file, decoded one by one: a line that is not valid UTF-8 is reported as such and the
 * next one still reads, where a whole-file decoder would abort at the first bad byte without saying where. A
 * byte-order mark before the first line is dropped (editors on Windows write one).
 */
final class ReplayFileLines implements Closeable {

    /** How much of the file's start is searched for a NUL byte, the sign of a binary file (git and grep do the same). */
    private static final int BINARY_PROBE_BYTES = 8192;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** One line: its text, or null with {@code malformed} set when its bytes are not UTF-8. */
    record Line(int number, String text) {
        boolean malformed() {
            return text == null;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int number;

    private ReplayFileLines(InputStream in) {
        this.in = in;
    }

    /**
     * Opens a replay file.
     *
     * @throws UnusableInputException when the file is missing, a directory or binary
     */
    static ReplayFileLines open(Path file) throws IOException {
        if (Files.notExists(file)) {
            throw new UnusableInputException("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new UnusableInputException(file + " is a directory, not a replay file");
        }
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BINARY_PROBE_BYTES);
        try {
            if (startsBinary(in)) {
                throw new UnusableInputException(file + " is not UTF-8 text (a binary file?): a replay file is JSON lines");
            }
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        return new ReplayFileLines(in);
    }

    private static boolean startsBinary(BufferedInputStream in) throws IOException {
        in.mark(BINARY_PROBE_BYTES);
        byte[] probe = in.readNBytes(BINARY_PROBE_BYTES);
        in.reset();
        for (byte b : probe) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /** The next line without its line terminator (LF or CRLF), or null at the end of the file. */
    Line next() throws IOException {
        bytes.reset();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            bytes.write(b);
            b = in.read();
        }
        number++;
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        String text;
        try {
            text = decoder.reset().decode(ByteBuffer.wrap(raw, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new Line(number, null);
        }
        if (number == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        return new Line(number, text);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A replay input that cannot be read at all; its message says why, for the user. */
    static final class UnusableInputException extends IOException {
        UnusableInputException(String message) {
            super(message);
        }
    }
}
