package dev.fanout.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SwarTest {
    @Test
    void lowestHighByte_isTheIndexOfTheFirstByteWithItsHighBitSet_whateverTheBytesAboveIt() {
        Random random = new Random(11);
        for (int k = 0; k < 8; k++) {
            for (int n = 0; n < 1_000; n++) {
                long above = k == 7 ? 0 : random.nextLong() << (8 * (k + 1)); // bytes k+1..7: anything
                long highBits = (above | 0x80L << (8 * k)) & 0x8080808080808080L;
                assertThat(Swar.lowestHighByte(highBits)).as("k=%d bits=%x", k, highBits).isEqualTo(k);
            }
        }
        assertThat(Swar.lowestHighByte(0x8080808080808080L)).isZero();
        assertThat(Swar.lowestHighByte(0x8000000000000000L)).isEqualTo(7);
        assertThat(Swar.lowestHighByte(0x0000000080000000L)).isEqualTo(3);
    }
}
