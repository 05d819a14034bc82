package dev.fanout.core.jobs;

import java.util.Arrays;
import java.util.Collection;

/**
 * Result keys in {@link String#compareTo} order (a {@code TreeMap}'s), for jobs that write large results.
 *
 * <p>A most-significant-digit radix sort two chars at a time, each step a sort of primitive {@code long}s: a key's
 * two chars from the current depth (each as {@code char + 1}, 0 past the key's end, so a key sorts before every
 * longer key it starts) above its position. Keys that share those chars are sorted again from the next depth; runs
 * of a few keys, and runs still tied deep into their keys, by {@code compareTo}. No string is compared char by char
 * from its start, and no comparator runs over the hundreds of thousands of keys of a large result: on 445,000 words
 * with a cold JIT that took most of the reducer's time.
 */
final class SortedKeys {
    /** Runs up to this size are sorted by insertion with {@code compareTo}. */
    private static final int SMALL = 12;
    /** Ties this deep (in chars) are left to {@code compareTo}: keys sharing so long a prefix are few. */
    private static final int MAX_DEPTH = 64;
    private static final int POSITION_BITS = 29;   // 2 × 17 bits of chars above: never negative
    private static final long POSITION_MASK = (1L << POSITION_BITS) - 1;

    private SortedKeys() {
    }

    static String[] of(Collection<String> keys) {
        String[] words = keys.toArray(new String[0]);
        int[] order = order(words);
        String[] out = new String[words.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = words[order[i]];
        }
        return out;
    }

    /**
     * The indices of {@code keys} (distinct) in {@link String#compareTo} order of their keys.
     */
    static int[] order(String[] keys) {
        int n = keys.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n > POSITION_MASK) {
            byCompareTo(keys, order, 0, n);
        } else if (n > 1) {
            new Radix(keys, order).sort(0, n, 0);
        }
        return order;
    }

    private static final class Radix {
        final String[] keys;
        final int[] order;
        final long[] digits;
        final int[] moved;

        Radix(String[] keys, int[] order) {
            this.keys = keys;
            this.order = order;
            this.digits = new long[order.length];
            this.moved = new int[order.length];
        }

        /** Sorts {@code order[from, to)}, whose keys share their first {@code depth} chars. */
        void sort(int from, int to, int depth) {
            if (to - from <= SMALL) {
                insertion(keys, order, from, to);
                return;
            }
            if (depth >= MAX_DEPTH) {
                byCompareTo(keys, order, from, to);
                return;
            }
            for (int i = from; i < to; i++) {
                String key = keys[order[i]];
                digits[i] = (digit(key, depth) << 17 | digit(key, depth + 1)) << POSITION_BITS | (i - from);
            }
            Arrays.sort(digits, from, to);
            for (int i = from; i < to; i++) {
                moved[i] = order[from + (int) (digits[i] & POSITION_MASK)];
            }
            System.arraycopy(moved, from, order, from, to - from);
            for (int start = from; start < to; ) {
                long prefix = digits[start] >>> POSITION_BITS;
                int end = start + 1;
                while (end < to && digits[end] >>> POSITION_BITS == prefix) {
                    end++;
                }
                // keys are distinct, so a run longer than one has chars past this depth
                if (end - start > 1) {
                    sort(start, end, depth + 2);
                }
                start = end;
            }
        }

        private static long digit(String key, int at) {
            return at < key.length() ? key.charAt(at) + 1L : 0L;
        }
    }

    private static void insertion(String[] keys, int[] order, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int moving = order[i];
            String key = keys[moving];
            int j = i - 1;
            while (j >= from && keys[order[j]].compareTo(key) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = moving;
        }
    }

    private static void byCompareTo(String[] keys, int[] order, int from, int to) {
        Integer[] boxed = new Integer[to - from];
        for (int i = from; i < to; i++) {
            boxed[i - from] = order[i];
        }
        Arrays.sort(boxed, (a, b) -> keys[a].compareTo(keys[b]));
        for (int i = from; i < to; i++) {
            order[i] = boxed[i - from];
        }
    }
}
