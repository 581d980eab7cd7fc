package com.o2cpulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.replayfile.EventJson;
import com.o2cpulse.sim.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int replay(Path input, Path output) {
        return new CommandLine(new ReplayCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("--input", input.toString(), "--output", output.toString());
    }

    private static List<String> simulatedLines(int orders) {
        EventJson json = new EventJson();
        return new Simulator(11, Instant.parse("2026-11-20T08:00:00Z")).generate(orders).stream().map(json::write).toList();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static byte[] joined(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesToWriteItsOutputOverItsInput() throws IOException {
        byte[] content = joined(simulatedLines(5));
        Path input = write("events.jsonl", content);

        int exit = replay(input, folder.resolve(".").resolve("events.jsonl"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("replay: --output").contains("is the input file");
        assertThat(Files.readAllBytes(input)).isEqualTo(content);
    }

    @Test
    void aLineWithABadByteIsReportedWithItsNumberAndSkippedAndTheRestIsReplayed() throws IOException {
        List<String> lines = simulatedLines(80);
        assertThat(lines).hasSizeGreaterThan(201);
        ByteArrayOutputStream corrupted = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i).getBytes(StandardCharsets.UTF_8);
            if (i == 200) {
                corrupted.write(line, 0, 10);
                corrupted.write(0xFF);
                corrupted.write(line, 10, line.length - 10);
            } else {
                corrupted.write(line);
            }
            corrupted.write('\n');
        }
        List<String> withoutLine201 = new ArrayList<>(lines);
        withoutLine201.remove(200);
        Path expected = folder.resolve("expected.jsonl");
        assertThat(replay(write("clean.jsonl", joined(withoutLine201)), expected)).isZero();
        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);

        Path actual = folder.resolve("actual.jsonl");
        int exit = replay(write("corrupted.jsonl", corrupted.toByteArray()), actual);

        assertThat(exit).isZero();
        assertThat(err.toString().strip()).isEqualTo("replay: line 201 skipped: not valid UTF-8 text");
        assertThat(out.toString()).contains("(1 bad lines skipped)");
        assertThat(Files.readAllLines(actual)).isEqualTo(Files.readAllLines(expected));
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsAccepted() throws IOException {
        List<String> lines = simulatedLines(5);
        Path expected = folder.resolve("expected.jsonl");
        assertThat(replay(write("plain.jsonl", joined(lines)), expected)).isZero();
        out.getBuffer().setLength(0);
        List<String> withBom = new ArrayList<>(lines);
        withBom.set(0, "\uFEFF" + lines.get(0));

        Path actual = folder.resolve("actual.jsonl");
        int exit = replay(write("bom.jsonl", joined(withBom)), actual);

        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains(lines.size() + " events (0 bad lines skipped)");
        assertThat(Files.readAllLines(actual)).isEqualTo(Files.readAllLines(expected));
    }

    @Test
    void aBinaryFileIsRefusedAsNotUtf8Text() throws IOException {
        byte[] gzipLike = {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c, 0x4a, 0x06, 0x00};
        Path output = folder.resolve("kpis.jsonl");

        int exit = replay(write("events.jsonl.gz", gzipLike), output);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("replay: ").contains("is not UTF-8 text").doesNotContain("\n");
        assertThat(output).doesNotExist();
    }

    @Test
    void aMissingFileIsReportedAsNoSuchFile() {
        Path missing = folder.resolve("missing.jsonl");
        Path output = folder.resolve("kpis.jsonl");

        int exit = replay(missing, output);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("replay: no such file: " + missing);
        assertThat(output).doesNotExist();
    }
}
