package com.o2cpulse.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.replayfile.EventJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateDaysTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int simulate(String... args) {
        return new CommandLine(new SimulateCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void daysAtAConstantRateMakeThatManyOrdersSpreadOverThoseDays() throws IOException {
        Path file = folder.resolve("days.jsonl");

        int exit = simulate("--days", "10", "--orders-per-second", "0.0005", "--seed", "3", "--output", file.toString(),
                "--start", "2026-01-01T00:00:00Z");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("simulated 432 orders (seed 3): ");
        EventJson json = new EventJson();
        List<SpecificRecord> events = Files.readAllLines(file).stream().map(json::parse).toList();
        Instant lastPlacement = events.stream().filter(e -> e instanceof com.o2cpulse.schema.events.OrderEvent)
                .map(e -> ((com.o2cpulse.schema.events.OrderEvent) e).getEventTime()).max(Instant::compareTo).orElseThrow();
        assertThat(lastPlacement).isBetween(Instant.parse("2026-01-09T00:00:00Z"), Instant.parse("2026-01-12T00:00:00Z"));
    }

    @Test
    void daysAndOrdersExcludeEachOther() {
        int exit = simulate("--days", "10", "--orders", "5", "--seed", "3", "--output", folder.resolve("x.jsonl").toString());

        assertThat(exit).isEqualTo(SimulateCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("--days").contains("--orders");
    }
}
