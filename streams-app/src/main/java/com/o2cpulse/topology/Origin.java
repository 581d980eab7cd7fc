package com.o2cpulse.topology;

import com.o2cpulse.binary.BinaryReader;
import com.o2cpulse.binary.BinaryWriter;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where an event was read: its input partition and offset (the topic follows from its stream). Carried as a small
 * header through the events-by-order repartition, so that a late event can name the record that holds its bytes.
 */
record Origin(int partition, long offset) {

    static final String HEADER = "o2c.origin";

    void stampOn(Headers headers) {
        headers.remove(HEADER);
        headers.add(HEADER, new BinaryWriter(12).writeLong(partition).writeLong(offset).toByteArray());
    }

    static Optional<Origin> of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null) {
            return Optional.empty();
        }
        BinaryReader in = new BinaryReader(header.value());
        return Optional.of(new Origin((int) in.readLong(), in.readLong()));
    }
}
