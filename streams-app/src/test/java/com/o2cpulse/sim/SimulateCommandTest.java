package com.o2cpulse.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.replayfile.EventJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class SimulateCommandTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int simulate(String... args) {
        return new CommandLine(new SimulateCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void writesAReplayFileWhoseEveryLineParsesAndSaysWhatItWrote() throws IOException {
        Path file = folder.resolve("events.jsonl");

        int exit = simulate("--orders", "200", "--seed", "5", "--output", file.toString());

        List<String> lines = Files.readAllLines(file);
        EventJson json = new EventJson();
        assertThat(exit).isZero();
        assertThat(lines).hasSizeGreaterThan(600).allSatisfy(line -> assertThat(json.parse(line)).isNotNull());
        assertThat(out.toString().strip())
                .isEqualTo("simulated 200 orders (seed 5): " + lines.size() + " events written to " + file)
                .doesNotContain("\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void writesTheEventsOfTheSimulatorInArrivalOrder() throws IOException {
        Path file = folder.resolve("events.jsonl");

        simulate("--orders", "50", "--seed", "9", "--output", file.toString(), "--start", "2026-12-01T06:00:00Z");

        EventJson json = new EventJson();
        List<SpecificRecord> written = Files.readAllLines(file).stream().map(json::parse).toList();
        assertThat(written).isEqualTo(new Simulator(9, java.time.Instant.parse("2026-12-01T06:00:00Z")).generate(50));
    }

    @Test
    void withoutASeedItUsesOneOfItsOwnAndPrintsItSoThatTheRunCanBeRepeated() throws IOException {
        Path unseeded = folder.resolve("unseeded.jsonl");

        int exit = simulate("--orders", "30", "--output", unseeded.toString());

        Matcher summary = Pattern.compile("simulated 30 orders \\(seed (-?\\d+)\\): \\d+ events written to .*").matcher(out.toString().strip());
        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(summary.matches()).as("summary %s", out).isTrue();
        Path repeated = folder.resolve("repeated.jsonl");
        assertThat(simulate("--orders", "30", "--seed", summary.group(1), "--output", repeated.toString())).isZero();
        assertThat(Files.readAllLines(repeated)).isEqualTo(Files.readAllLines(unseeded));
    }

    static Stream<Arguments> unusableArguments() {
        return Stream.of(
                Arguments.of(List.of("--orders", "0", "--seed", "1", "--output", "OUT"), "--orders must be at least 1"),
                Arguments.of(List.of("--orders", "-3", "--seed", "1", "--output", "OUT"), "--orders must be at least 1"),
                Arguments.of(List.of("--orders", "many", "--seed", "1", "--output", "OUT"), "--orders"),
                Arguments.of(List.of("--orders", "10", "--seed", "1"), "--output"),
                Arguments.of(List.of("--orders", "10", "--seed", "1", "--output", "OUT", "--start", "tomorrow"), "--start': 'tomorrow' is not an ISO-8601 instant"),
                Arguments.of(List.of("--orders", "10", "--seed", "1", "--output", "OUT", "--orders-per-second", "0"),
                        "--orders-per-second must be a positive number"),
                Arguments.of(List.of("--orders", "10", "--seed", "1", "--output", "missing/OUT"), "does not exist"),
                Arguments.of(List.of("--orders", "10", "--seed", "1", "--output", "."), "is a directory"));
    }

    @ParameterizedTest
    @MethodSource("unusableArguments")
    void exitsWithTwoAndAClearFirstLineOnUnusableArguments(List<String> args, String reason) {
        String[] resolved = args.stream()
                .map(a -> a.equals(".") ? folder.toString() : a.replace("OUT", folder.resolve("out.jsonl").toString()))
                .toArray(String[]::new);

        int exit = simulate(resolved);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).contains(reason));
        assertThat(folder.resolve("out.jsonl")).doesNotExist();
    }
}
