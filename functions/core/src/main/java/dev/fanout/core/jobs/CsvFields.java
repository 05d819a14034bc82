package dev.fanout.core.jobs;

import java.util.Arrays;

/**
 * {@link CsvLine}'s RFC 4180 rules on a line's UTF-8 bytes, without making a String per field: {@link #split}
 * notes where each field's content lies ({@code "} and {@code ,} are ASCII, and UTF-8 never uses ASCII bytes inside
 * a multi-byte character, so splitting bytes finds the same fields as splitting chars). A line that breaks the
 * rules is only reported as such: the caller asks {@link CsvLine} for the reason. Not thread-safe; reusable.
 */
final class CsvFields {
    private int count;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] escaped = new boolean[16]; // quoted with "" inside
    private byte[] scratch = new byte[64];

    /** Splits {@code line[from, to)}; false if it is malformed. */
    boolean split(byte[] line, int from, int to) {
        count = 0;
        int i = from;
        while (true) {
            int start;
            int end;
            boolean quotes = false;
            if (i < to && line[i] == '"') {
                start = ++i;
                while (true) {
                    if (i >= to) {
                        return false; // unterminated quoted field
                    }
                    if (line[i] == '"') {
                        if (i + 1 < to && line[i + 1] == '"') {
                            quotes = true;
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
                end = i++;
                if (i < to && line[i] != ',') {
                    return false; // a character after the closing quote
                }
            } else {
                start = i;
                while (i < to && line[i] != ',') {
                    if (line[i] == '"') {
                        return false; // a quote inside an unquoted field
                    }
                    i++;
                }
                end = i;
            }
            add(start, end, quotes);
            if (i >= to) {
                return true;
            }
            i++; // the comma
        }
    }

    private void add(int start, int end, boolean quotes) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            escaped = Arrays.copyOf(escaped, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        escaped[count] = quotes;
        count++;
    }

    int count() {
        return count;
    }

    /**
     * Field {@code i}'s content as a slice: of {@code line} itself, or, for a quoted field with doubled quotes,
     * of a scratch buffer holding it unescaped (valid until the next call).
     */
    Slice field(byte[] line, int i, Slice into) {
        if (!escaped[i]) {
            return into.set(line, starts[i], ends[i] - starts[i]);
        }
        int length = 0;
        if (scratch.length < ends[i] - starts[i]) {
            scratch = new byte[ends[i] - starts[i]];
        }
        for (int k = starts[i]; k < ends[i]; k++) {
            scratch[length++] = line[k];
            if (line[k] == '"') {
                k++; // the doubled quote's second half
            }
        }
        return into.set(scratch, 0, length);
    }

    /** A mutable slice of bytes. */
    static final class Slice {
        byte[] bytes;
        int from;
        int length;

        Slice set(byte[] b, int f, int n) {
            bytes = b;
            from = f;
            length = n;
            return this;
        }
    }
}
