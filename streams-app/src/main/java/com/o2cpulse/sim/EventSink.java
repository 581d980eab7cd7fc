package com.o2cpulse.sim;

import java.io.IOException;

/** Where simulated events go: a replay file now, a Kafka producer pacing by arrival time for a live run. */
interface EventSink extends AutoCloseable {

    void accept(Arrival arrival) throws IOException;

    @Override
    void close() throws IOException;
}
