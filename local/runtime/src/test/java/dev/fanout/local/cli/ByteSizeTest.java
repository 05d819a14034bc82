package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
            "100, 100",
            "100B, 100",
            "512KB, 512000",
            "4KiB, 4096",
            "4 kib, 4096",
            "8MiB, 8388608",
            "8MB, 8000000",
            "1.5MiB, 1572864",
            "1GiB, 1073741824",
            "2GB, 2000000000"})
    void parsesDecimalAndBinaryUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "8XB", "-1MiB", "0", "0.1B", "MiB", "1e3"})
    void rejectsWhatIsNotASize(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"0, 0 B", "1023, 1023 B", "1536, 1.5 KiB", "1073741824, 1.0 GiB"})
    void formatsForHumans(double bytes, String text) {
        assertThat(ByteSize.format(bytes)).isEqualTo(text);
    }
}
