package com.o2cpulse.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BinaryFormatTest {

    @Test
    void everyIdentifierReadsBackUnchangedAndCanonicalUuidsTakeSixteenBytes() {
        List<String> ids = List.of(UUID.randomUUID().toString(), "021a26a1-c6af-41c4-b579-49ad2963956e",
                "021A26A1-C6AF-41C4-B579-49AD2963956E", "021a26a1-c6af-41c4-b579-49ad2963956", "021a26a1_c6af-41c4-b579-49ad2963956e",
                "g21a26a1-c6af-41c4-b579-49ad2963956e", "", "SO-000001", "ünïcødé-ïd");
        for (String id : ids) {
            byte[] bytes = new BinaryWriter(8).writeId(id).toByteArray();
            BinaryReader reader = new BinaryReader(bytes);
            assertThat(reader.readId()).isEqualTo(id);
            assertThat(reader.atEnd()).isTrue();
        }
        assertThat(new BinaryWriter(8).writeId("021a26a1-c6af-41c4-b579-49ad2963956e").toByteArray()).hasSize(17);
    }

    @Test
    void numbersDecimalsAndInstantsRoundTrip() {
        Random random = new Random(3);
        BinaryWriter out = new BinaryWriter(4);
        long[] longs = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, random.nextLong(), 1_000_000_000_000L};
        BigDecimal[] decimals = {new BigDecimal("0.00"), new BigDecimal("9999999999999999.99"), new BigDecimal("-12.5"),
                new BigDecimal("9999999999999999.99").multiply(BigDecimal.valueOf(1_000_000_000_000L))};
        for (long value : longs) {
            out.writeLong(value);
        }
        for (BigDecimal value : decimals) {
            out.writeDecimal(value);
        }
        out.writeNullableInstant(null).writeInstant(Instant.parse("9999-12-31T23:59:59.999Z")).writeNullableString(null)
                .writeBytes(new byte[0]).writeBytes(new byte[] {0, -1, 127});
        BinaryReader in = new BinaryReader(out.toByteArray());
        for (long value : longs) {
            assertThat(in.readLong()).isEqualTo(value);
        }
        for (BigDecimal value : decimals) {
            assertThat(in.readDecimal()).isEqualTo(value);
        }
        assertThat(in.readNullableInstant()).isNull();
        assertThat(in.readInstant()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
        assertThat(in.readNullableString()).isNull();
        assertThat(in.readBytes()).isEmpty();
        assertThat(in.readBytes()).containsExactly(0, -1, 127);
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void truncatedInputIsAClearError() {
        byte[] bytes = new BinaryWriter(8).writeString("warehouse").toByteArray();
        BinaryReader reader = new BinaryReader(java.util.Arrays.copyOf(bytes, 4));
        assertThatThrownBy(reader::readString).isInstanceOf(IllegalArgumentException.class);
    }
}
