package dev.fanout.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SortedKeysTest {
    /** Chars at the edges of the radix digits: 0 (which must sort after a key's end), surrogates, U+E000..U+FFFF. */
    private static final String[] PIECES = {"a", "b", "z", "\u0000", "\u0001", "\u007f", "\u0080", "\u00e9", "\u7fff",
        "\u8000", "\ud7ff", "\ud835\udd18", "\ud83d\ude00", "\ue000", "\uffee", "\uffff", "\ud800", "\udfff", "0"};

    private static String randomKey(Random random, int maxLength) {
        StringBuilder key = new StringBuilder();
        for (int len = random.nextInt(maxLength + 1), c = 0; c < len; c++) {
            key.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return key.toString();
    }

    /** Reference: a TreeSet's order, String.compareTo. */
    private static void assertSorted(Set<String> keys) {
        List<String> expected = new ArrayList<>(new TreeSet<>(keys));
        assertThat(List.of(SortedKeys.of(keys))).isEqualTo(expected);
        String[] array = keys.toArray(new String[0]);
        int[] order = SortedKeys.order(array);
        List<String> ordered = new ArrayList<>();
        for (int i : order) {
            ordered.add(array[i]);
        }
        assertThat(ordered).isEqualTo(expected);
        assertSortedAsBytes(keys);
    }

    /**
     * The same keys as UTF-8 in a {@link ByteKeys} (those of them that have UTF-8: no lone surrogates), sorted by
     * bytes: String order all the same, supplementary chars before U+E000..U+FFFF.
     */
    private static void assertSortedAsBytes(Set<String> keys) {
        List<String> wellFormed = keys.stream()
                .filter(k -> java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(k)).toList();
        ByteKeys bytes = new ByteKeys();
        for (String key : wellFormed) {
            byte[] b = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            bytes.add(b, 0, b.length, 1);
        }
        assertThat(bytes.size()).isEqualTo(wellFormed.size());
        List<String> ordered = new ArrayList<>();
        for (int i : SortedKeys.order(bytes)) {
            ordered.add(bytes.key(i));
        }
        assertThat(ordered).isEqualTo(new ArrayList<>(new TreeSet<>(wellFormed)));
    }

    @Test
    void noKeyOneKeyAndTwoKeys() {
        assertSorted(Set.of());
        assertSorted(Set.of("x"));
        assertSorted(Set.of(""));
        assertSorted(Set.of("b", "a"));
        assertSorted(Set.of("a", "a\u0000"));
        assertSorted(Set.of("\ue000", "\ud800\udc00", "\ud7ff", "\uffff", "\udbff\udfff"));
    }

    @Test
    void keysAreInStringOrder_forRandomKeysOfTrickyChars() {
        Random random = new Random(3);
        for (int size : new int[] {3, 12, 13, 40, 1_000, 30_000}) {
            Set<String> keys = new HashSet<>();
            while (keys.size() < size) {
                keys.add(randomKey(random, 6));
            }
            assertSorted(keys);
        }
    }

    /** Keys that are prefixes of others, a key ending in U+0000 beside one that ends there, and long shared prefixes. */
    @Test
    void prefixesAndLongSharedPrefixesAreInStringOrder() {
        Random random = new Random(8);
        Set<String> keys = new HashSet<>();
        String shared = "s".repeat(150);
        for (int i = 0; i < 3_000; i++) {
            String tail = randomKey(random, 4);
            keys.add(shared.substring(0, random.nextInt(shared.length())) + tail);
            keys.add(shared + tail);
            keys.add(shared + tail + "\u0000");
            keys.add(tail);
        }
        assertSorted(keys);
    }

    @Test
    void manyWordLikeKeysAreInStringOrder() {
        Random random = new Random(13);
        Set<String> keys = new HashSet<>();
        while (keys.size() < 100_000) {
            StringBuilder word = new StringBuilder();
            for (int len = 1 + random.nextInt(10), c = 0; c < len; c++) {
                word.append(random.nextInt(20) == 0 ? (char) ('\u00e0' + random.nextInt(30))
                        : (char) ('a' + random.nextInt(26)));
            }
            keys.add(word.toString());
        }
        assertSorted(keys);
    }
}
