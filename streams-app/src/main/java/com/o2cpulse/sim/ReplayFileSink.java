package com.o2cpulse.sim;

import com.o2cpulse.replayfile.EventJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes events as a replay file: one JSON line each, in arrival order. */
final class ReplayFileSink implements EventSink {

    private final EventJson json = new EventJson();
    private final BufferedWriter writer;

    ReplayFileSink(Path file) throws IOException {
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void accept(Arrival arrival) throws IOException {
        writer.write(json.write(arrival.event()));
        writer.write('\n');
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
