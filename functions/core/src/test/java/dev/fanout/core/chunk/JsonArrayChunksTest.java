package dev.fanout.core.chunk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputRecord;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonArrayChunksTest {
    private static final String[] SCALARS = {"0", "-12", "3.50", "1e3", "-2.5E-7", "123456789012345678901234567890",
        "true", "false", "null", "\"\"", "\"a, b]\"", "\"caf\u00e9 \u20ac \ud83d\ude00\"", "\"q\\\"uote\"",
        "{}", "[]", "{\"k\":[1,{\"x\":\"]\"}]}", "[1,[2,[3]]]"};
    private static final String[] SPACE = {"", " ", "\n", "\r\n  ", "\t"};

    private record Array(String text, List<InputRecord> elements) {
    }

    private static Array randomArray(Random random) {
        StringBuilder text = new StringBuilder(SPACE[random.nextInt(SPACE.length)]).append('[');
        List<InputRecord> elements = new ArrayList<>();
        int n = random.nextInt(4) == 0 ? random.nextInt(2) : random.nextInt(60);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(SPACE[random.nextInt(SPACE.length)]);
            String element = SCALARS[random.nextInt(SCALARS.length)];
            elements.add(new InputRecord(text.toString().getBytes(UTF_8).length, element));
            text.append(element).append(SPACE[random.nextInt(SPACE.length)]);
        }
        text.append(']').append(SPACE[random.nextInt(SPACE.length)]);
        return new Array(text.toString(), elements);
    }

    private static List<InputRecord> readAll(byte[] bytes, int chunkSizeItems) {
        List<InputRecord> all = new ArrayList<>();
        List<ByteRange> ranges = JsonArrayPlanner.plan(new ByteArrayInputStream(bytes), bytes.length,
                chunkSizeItems, 1_000_000);
        for (ByteRange range : ranges) {
            byte[] slice = Arrays.copyOfRange(bytes, (int) range.start(), (int) range.end());
            List<InputRecord> chunk = new ArrayList<>();
            new JsonArrayRangeReader(new ByteArrayInputStream(slice), range.start()).forEachRemaining(chunk::add);
            assertThat(chunk.size()).isLessThanOrEqualTo(chunkSizeItems);
            all.addAll(chunk);
        }
        return all;
    }

    @Test
    void everyElementIsReadExactlyOnceWithItsOffsetAndExactText_forRandomArraysAndChunkSizes() {
        Random random = new Random(42);
        for (int t = 0; t < 300; t++) {
            Array array = randomArray(random);
            byte[] bytes = array.text().getBytes(UTF_8);
            for (int size = 1; size <= array.elements().size() + 1; size++) {
                assertThat(readAll(bytes, size)).as("array #%d, chunk size %d", t, size)
                        .isEqualTo(array.elements());
            }
        }
    }

    @Test
    void plannerCutsEveryNthElement() {
        byte[] bytes = "[10, 20, 30, 40, 50]".getBytes(UTF_8);
        assertThat(JsonArrayPlanner.plan(new ByteArrayInputStream(bytes), bytes.length, 2, 10))
                .containsExactly(new ByteRange(1, 9), new ByteRange(9, 17), new ByteRange(17, 20));
    }

    @Test
    void emptyArrayHasNoChunks() {
        byte[] bytes = " [ ] ".getBytes(UTF_8);
        assertThat(JsonArrayPlanner.plan(new ByteArrayInputStream(bytes), bytes.length, 5, 10)).isEmpty();
    }

    @Test
    void notAnArrayIsMalformed() {
        byte[] bytes = "{\"a\":1}".getBytes(UTF_8);
        assertThatThrownBy(() -> JsonArrayPlanner.plan(new ByteArrayInputStream(bytes), bytes.length, 5, 10))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not a JSON array");
    }

    @Test
    void brokenJsonIsMalformedWithTheOffsetAndWithoutTheContent() {
        byte[] bytes = "[1, 2, secret]".getBytes(UTF_8);
        assertThatThrownBy(() -> JsonArrayPlanner.plan(new ByteArrayInputStream(bytes), bytes.length, 5, 10))
                .isInstanceOfSatisfying(MalformedRecordException.class,
                        e -> assertThat(e.byteOffset()).isBetween(7L, 13L))
                .hasMessageNotContaining("secret");
    }

    @Test
    void trailingContentIsMalformed() {
        byte[] bytes = "[1] [2]".getBytes(UTF_8);
        assertThatThrownBy(() -> JsonArrayPlanner.plan(new ByteArrayInputStream(bytes), bytes.length, 5, 10))
                .isInstanceOfSatisfying(MalformedRecordException.class,
                        e -> assertThat(e.byteOffset()).isEqualTo(4));
    }

    @Test
    void tooManyChunksNamesTheCountAndTheLimit() {
        byte[] bytes = "[1,2,3,4,5,6,7]".getBytes(UTF_8);
        assertThatThrownBy(() -> JsonArrayPlanner.plan(new ByteArrayInputStream(bytes), bytes.length, 2, 3))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("chunkSizeItems"))
                .hasMessageContaining("4 chunks").hasMessageContaining("at most 3");
    }
}
