package dev.fanout.core.chunk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.MalformedRecordException;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class HeaderLineTest {
    private static HeaderLine read(byte[] bytes) {
        int first = Math.min(bytes.length, HeaderLine.MAX_BYTES);
        return HeaderLine.read(new ByteArrayInputStream(bytes, 0, first), bytes.length);
    }

    @Test
    void headerEndsAtTheFirstLineFeed() {
        assertThat(read("city,amount\nparis,3\n".getBytes(UTF_8))).isEqualTo(new HeaderLine("city,amount", 12));
    }

    @Test
    void crlfAndByteOrderMarkAreDropped() {
        byte[] bytes = "\uFEFFcity,amount\r\nparis,3\r\n".getBytes(UTF_8);
        assertThat(read(bytes)).isEqualTo(new HeaderLine("city,amount", 3 + 13));
    }

    @Test
    void headerWithoutNewlineIsTheWholeObject() {
        assertThat(read("a,b".getBytes(UTF_8))).isEqualTo(new HeaderLine("a,b", 3));
        assertThat(read(new byte[0])).isEqualTo(new HeaderLine("", 0));
    }

    @Test
    void aHeaderLongerThanTheLimitFailsClearly() {
        byte[] bytes = ("h".repeat(HeaderLine.MAX_BYTES) + "\nx\n").getBytes(UTF_8);
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("does not end within the first " + HeaderLine.MAX_BYTES + " bytes");
    }

    @Test
    void aHeaderOfExactlyTheLimitIncludingItsNewlineIsAccepted() {
        byte[] bytes = ("h".repeat(HeaderLine.MAX_BYTES - 1) + "\nx\n").getBytes(UTF_8);
        assertThat(read(bytes).dataStart()).isEqualTo(HeaderLine.MAX_BYTES);
    }
}
