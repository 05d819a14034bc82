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
 * with a cold JIT that took most of the reducer's time. Keys held as UTF-8 bytes ({@link ByteKeys}) are sorted the
 * same way by bytes, in the same order ({@link #order(ByteKeys)}).
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

    /**
     * Each byte's rank in UTF-16 order, for keys held as UTF-8 ({@link ByteKeys}), 1 up (0 stands for a key's end).
     * UTF-8 bytes in order are code points in order, and so is UTF-16 up to U+D7FF; but UTF-16 puts the
     * supplementary chars (surrogate pairs, D800..DFFF) before U+E000..U+FFFF, where UTF-8 puts them after (lead
     * bytes F0..F4 against EE, EF). So F0..F4 rank between ED and EE. Only lead bytes are at or above C2: two keys
     * that agree up to a byte are at the same place of the same char there, so continuation bytes (80..BF) only
     * meet each other. Bytes that never occur in UTF-8 (C0, C1, F5..FF) rank last, together.
     */
    private static final int[] RANK = new int[256];

    static {
        int rank = 1;
        for (int b = 0x00; b <= 0xBF; b++) {
            RANK[b] = rank++;     // ASCII and continuation bytes
        }
        for (int b = 0xC2; b <= 0xED; b++) {
            RANK[b] = rank++;     // leads of U+0080..U+D7FF
        }
        for (int b = 0xF0; b <= 0xF4; b++) {
            RANK[b] = rank++;     // leads of U+10000..U+10FFFF: surrogate pairs in UTF-16
        }
        for (int b = 0xEE; b <= 0xEF; b++) {
            RANK[b] = rank++;     // leads of U+E000..U+FFFF
        }
        for (int b : new int[] {0xC0, 0xC1, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF}) {
            RANK[b] = rank;       // 244: not UTF-8
        }
    }

    /**
     * The numbers of the keys of {@code keys} (well-formed UTF-8) in {@link String#compareTo} order of the Strings
     * they are, without making them: the radix sort above on bytes ({@link #RANK}), as many of them per step as fit
     * beside the position (five for half a million keys).
     */
    static int[] order(ByteKeys keys) {
        int n = keys.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n > 1) {
            new ByteRadix(keys, order).sort(0, n, 0);
        }
        return order;
    }

    private static final class ByteRadix {
        final ByteKeys keys;
        final byte[] arena;
        final int[] order;
        final long[] digits;
        final int[] moved;

        ByteRadix(ByteKeys keys, int[] order) {
            this.keys = keys;
            this.arena = keys.arena();
            this.order = order;
            this.digits = new long[order.length];
            this.moved = new int[order.length];
        }

        /** Sorts {@code order[from, to)}, whose keys share their first {@code depth} bytes' ranks. */
        void sort(int from, int to, int depth) {
            if (to - from <= SMALL) {
                insertion(from, to, depth);
                return;
            }
            if (depth >= MAX_DEPTH) {
                byCompare(from, to, depth);
                return;
            }
            int positionBits = 32 - Integer.numberOfLeadingZeros(to - from - 1);
            int width = (63 - positionBits) >>> 3; // bytes per step, 8 bits each: the sign bit stays clear
            for (int i = from; i < to; i++) {
                int key = order[i];
                int start = keys.start(key);
                int length = keys.length(key);
                long d = 0;
                for (int at = depth, end = depth + width; at < end; at++) {
                    d = d << 8 | (at < length ? RANK[arena[start + at] & 0xFF] : 0);
                }
                digits[i] = d << positionBits | (i - from);
            }
            Arrays.sort(digits, from, to);
            long positionMask = (1L << positionBits) - 1;
            for (int i = from; i < to; i++) {
                moved[i] = order[from + (int) (digits[i] & positionMask)];
            }
            System.arraycopy(moved, from, order, from, to - from);
            for (int start = from; start < to; ) {
                long prefix = digits[start] >>> positionBits;
                int end = start + 1;
                while (end < to && digits[end] >>> positionBits == prefix) {
                    end++;
                }
                // keys are distinct, so a run longer than one has bytes past this depth
                if (end - start > 1) {
                    sort(start, end, depth + width);
                }
                start = end;
            }
        }

        /** Compares keys {@code a} and {@code b} from byte {@code depth} on: by rank, then (not UTF-8) by byte. */
        int compare(int a, int b, int depth) {
            int sa = keys.start(a);
            int sb = keys.start(b);
            int la = keys.length(a);
            int lb = keys.length(b);
            for (int i = depth, n = Math.min(la, lb); i < n; i++) {
                int x = arena[sa + i] & 0xFF;
                int y = arena[sb + i] & 0xFF;
                if (x != y) {
                    return RANK[x] != RANK[y] ? RANK[x] - RANK[y] : x - y;
                }
            }
            return Integer.compare(la, lb);
        }

        private void insertion(int from, int to, int depth) {
            for (int i = from + 1; i < to; i++) {
                int moving = order[i];
                int j = i - 1;
                while (j >= from && compare(order[j], moving, depth) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = moving;
            }
        }

        private void byCompare(int from, int to, int depth) {
            Integer[] boxed = new Integer[to - from];
            for (int i = from; i < to; i++) {
                boxed[i - from] = order[i];
            }
            Arrays.sort(boxed, (a, b) -> compare(a, b, depth));
            for (int i = from; i < to; i++) {
                order[i] = boxed[i - from];
            }
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
