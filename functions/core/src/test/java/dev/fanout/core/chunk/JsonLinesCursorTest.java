package dev.fanout.core.chunk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.MalformedRecordException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesCursorTest {
    private static final String TEXT = "{\"a\":1}\n"      // 0
            + "\n"                                          // 8: blank, not a record
            + "  [1, {\"b\": [true, null]}]\r\n"           // 9
            + "\"just a string\"\n"                          // 37
            + "{\"a\":\n"                                   // 53: malformed
            + "{\"a\":1} {\"b\":2}\n"                       // 59: two values
            + "42";                                          // 75: no final newline

    private static JsonLinesCursor cursor(String text, JsonLinesCursor.BadLines bad) {
        byte[] bytes = text.getBytes(UTF_8);
        return new JsonLinesCursor(new TextRangeCursor(new ByteArrayInputStream(bytes), 0, bytes.length), bad);
    }

    @Test
    void passesEachWellFormedValue_andSkipsBlankLines_whenToldToSkipTheRest() {
        List<Long> skipped = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        JsonLinesCursor records = cursor(TEXT, (offset, reason) -> {
            skipped.add(offset);
            reasons.add(reason);
        });
        List<String> seen = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        while (records.next()) {
            seen.add(records.text());
            offsets.add(records.offset());
        }
        assertThat(seen).containsExactly("{\"a\":1}", "  [1, {\"b\": [true, null]}]", "\"just a string\"", "42");
        assertThat(offsets).containsExactly(0L, 9L, 37L, 75L);
        assertThat(skipped).containsExactly(53L, 59L);
        assertThat(reasons.get(1)).startsWith("more than one value");
        assertThat(String.join(" ", reasons)).doesNotContain("\"a\"").doesNotContain("\"b\"");
    }

    @Test
    void failsNamingTheByteOffset_byDefault() {
        JsonLinesCursor records = cursor(TEXT, JsonLinesCursor.BadLines.FAIL);
        assertThat(records.next()).isTrue();
        assertThat(records.next()).isTrue();
        assertThat(records.next()).isTrue();
        assertThatThrownBy(records::next).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("byte offset 53")
                .satisfies(e -> assertThat(((MalformedRecordException) e).byteOffset()).isEqualTo(53));
    }
}
