package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ByteKeys} against a {@code LinkedHashMap} of Strings: numbers in order of first appearance, and values. */
class ByteKeysTest {

    /** Looks {@code key} up from the middle of a larger array, with bytes on both sides. */
    private static int lookUp(ByteKeys keys, String key) {
        byte[] k = key.getBytes(UTF_8);
        byte[] padded = new byte[k.length + 40];
        java.util.Arrays.fill(padded, (byte) 'x');
        System.arraycopy(k, 0, padded, 7, k.length);
        return keys.indexOf(padded, 7, k.length, ByteKeys.hash(k, 0, k.length));
    }

    /** Looks {@code key} up at the very end of an array of exactly its length (no room for a 16-byte read). */
    private static int lookUpAtEnd(ByteKeys keys, String key) {
        byte[] k = ("#" + key).getBytes(UTF_8);
        return keys.indexOf(k, 1, k.length - 1, ByteKeys.hash(k, 1, k.length - 1));
    }

    private static void assertNumbers(List<String> lookups) {
        ByteKeys keys = new ByteKeys();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int n = 0; n < lookups.size(); n++) {
            String key = lookups.get(n);
            int number = n % 2 == 0 ? lookUp(keys, key) : lookUpAtEnd(keys, key);
            Integer known = expected.putIfAbsent(key, expected.size());
            assertThat(number).as("lookup %d of %s", n, key).isEqualTo(known == null ? expected.size() - 1 : known);
        }
        assertThat(keys.size()).isEqualTo(expected.size());
        expected.forEach((key, number) -> assertThat(keys.key(number)).isEqualTo(key));
    }

    /** "Aa" and "BB" add the same to {@code h = 31 * h + b}, so do all strings of n such blocks (2^n of them). */
    private static List<String> blocks(int blocks, String prefix) {
        List<String> keys = new ArrayList<>();
        for (int bits = 0; bits < 1 << blocks; bits++) {
            StringBuilder key = new StringBuilder(prefix);
            for (int b = 0; b < blocks; b++) {
                key.append((bits >> b & 1) == 0 ? "Aa" : "BB");
            }
            keys.add(key.toString());
        }
        return keys;
    }

    /** After the first 16 bytes the hash adds bytes as {@code h = 31 * h + b}: such keys collide. */
    @Test
    void keysWithTheSameHashGetTheirOwnNumbers() {
        List<String> colliding = blocks(10, "0123456789abcdef");
        assertThat(colliding.stream().map(k -> ByteKeys.hash(k.getBytes(UTF_8), 0, k.length())).distinct())
                .as("one hash").hasSize(1);
        List<String> lookups = new ArrayList<>(colliding);
        lookups.addAll(colliding.reversed());
        lookups.addAll(colliding);
        assertNumbers(lookups);
    }

    /** Keys short and long, all looked up with one hash (as if they all collided): each keeps its own number. */
    @Test
    void keysLookedUpWithOneHashGetTheirOwnNumbers() {
        List<String> keys = new ArrayList<>(blocks(8, ""));
        keys.addAll(blocks(6, "0123"));
        keys.addAll(blocks(4, "0123456789abcdef"));
        keys.addAll(List.of("", "a", "abcdefgh", "abcdefghi"));
        ByteKeys table = new ByteKeys();
        for (int round = 0; round < 3; round++) {
            for (int n = 0; n < keys.size(); n++) {
                byte[] k = keys.get(n).getBytes(UTF_8);
                assertThat(table.indexOf(k, 0, k.length, 42)).as("round %d key %d", round, n).isEqualTo(n);
            }
        }
        assertThat(table.size()).isEqualTo(keys.size());
        for (int n = 0; n < keys.size(); n++) {
            assertThat(table.key(n)).isEqualTo(keys.get(n));
        }
    }

    @Test
    void keysThatDifferOnlyAfterTheirFirstSixteenBytesOrInLengthAreDistinct() {
        String sixteen = "abcdefghijklmnop";
        assertNumbers(List.of(sixteen + "q", sixteen + "r", sixteen, sixteen + "q", sixteen + "qq", sixteen + "r",
                "abcdefgh", "abcdefghi", "abcdefg", "a", "a\u0000", "\u0000", "", "\u0000\u0000", "", "a", "a\u0000",
                sixteen + "\u0000", sixteen, "abcdefgh\u0000", "abcdefgh", "é", "ü", sixteen + "é".repeat(40),
                sixteen + "é".repeat(39) + "ü", sixteen + "é".repeat(40)));
    }

    @Test
    void manyDistinctKeysKeepTheirNumbersAcrossGrowth() {
        Random random = new Random(5);
        List<String> lookups = new ArrayList<>();
        for (int n = 0; n < 300_000; n++) {
            int length = random.nextInt(40);
            StringBuilder key = new StringBuilder();
            for (int c = 0; c < length; c++) {
                key.append((char) ('a' + random.nextInt(random.nextInt(8) == 0 ? 26 : 3)));
            }
            lookups.add(key.toString());
        }
        assertNumbers(lookups);
    }

    @Test
    void addSumsValuesPerKey() {
        Random random = new Random(9);
        ByteKeys keys = new ByteKeys();
        Map<String, Long> expected = new HashMap<>();
        for (int n = 0; n < 200_000; n++) {
            String key = Integer.toString(random.nextInt(50_000), 36) + "-".repeat(random.nextInt(3) * 9);
            long delta = random.nextInt(1000) - 100;
            byte[] k = key.getBytes(UTF_8);
            keys.add(k, 0, k.length, delta);
            expected.merge(key, delta, Long::sum);
        }
        Map<String, Long> actual = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            actual.put(keys.key(i), keys.value(i));
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** addAll sums another table's values into this one, as a map's merge does; copy and lookup add nothing. */
    @Test
    void addAllSumsPerKey_copyIsIndependent_lookupFindsWithoutAdding() {
        Random random = new Random(11);
        ByteKeys into = new ByteKeys(4, 4); // grows many times over
        Map<String, Long> expected = new HashMap<>();
        for (int round = 0; round < 4; round++) {
            ByteKeys other = new ByteKeys();
            Map<String, Long> added = new HashMap<>();
            for (int n = 0; n < 40_000; n++) {
                String key = Integer.toString(random.nextInt(60_000), 36) + "é".repeat(random.nextInt(3) * 7);
                byte[] k = key.getBytes(UTF_8);
                other.add(k, 0, k.length, n % 5);
                added.merge(key, (long) (n % 5), Long::sum);
            }
            ByteKeys before = into.copy();
            Map<String, Long> expectedBefore = new HashMap<>(expected);
            into.addAll(other);
            added.forEach((k, v) -> expected.merge(k, v, Long::sum));
            assertThat(contents(into)).isEqualTo(expected);
            assertThat(contents(other)).isEqualTo(added);
            assertThat(contents(before)).isEqualTo(expectedBefore);
        }
        int size = into.size();
        expected.forEach((key, value) -> {
            byte[] k = key.getBytes(UTF_8);
            assertThat(into.value(into.lookup(k, 0, k.length))).isEqualTo(value);
        });
        byte[] missing = "#not a key at all, long enough".getBytes(UTF_8);
        assertThat(into.lookup(missing, 0, missing.length)).isEqualTo(-1);
        assertThat(into.lookup(missing, 0, 1)).isEqualTo(-1);
        assertThat(into.size()).isEqualTo(size);
    }

    private static Map<String, Long> contents(ByteKeys keys) {
        Map<String, Long> map = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            assertThat(map.put(keys.key(i), keys.value(i))).isNull();
            byte[] k = keys.key(i).getBytes(UTF_8);
            assertThat(java.util.Arrays.copyOfRange(keys.arena(), keys.start(i), keys.start(i) + keys.length(i)))
                    .isEqualTo(k);
        }
        return map;
    }
}
