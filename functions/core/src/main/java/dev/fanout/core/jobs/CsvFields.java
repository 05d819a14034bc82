package dev.fanout.core.jobs;

/**
 * {@link CsvLine}'s RFC 4180 rules on a line's UTF-8 bytes, without making a String per field: {@link #split}
 * checks the whole line and counts its fields, but notes where the content lies only for the two columns the
 * caller asked for ({@code "} and {@code ,} are ASCII, and UTF-8 never uses ASCII bytes inside a multi-byte
 * character, so splitting bytes finds the same fields as splitting chars). A line that breaks the rules is only
 * reported as such: the caller asks {@link CsvLine} for the reason. Not thread-safe; reusable.
 */
final class CsvFields {
    private final int first;
    private final int second;
    private final int[] starts = new int[2];
    private final int[] ends = new int[2];
    private final boolean[] escaped = new boolean[2]; // quoted with "" inside
    private byte[] scratch = new byte[64];

    /** Splits lines noting the fields of columns {@code first} and {@code second} (which may be the same). */
    CsvFields(int first, int second) {
        this.first = first;
        this.second = second;
    }

    /** Splits {@code line[from, to)}: its number of fields, or -1 if it is malformed. */
    int split(byte[] line, int from, int to) {
        int count = 0;
        int i = from;
        while (true) {
            int start;
            int end;
            boolean quotes = false;
            if (i < to && line[i] == '"') {
                start = ++i;
                while (true) {
                    if (i >= to) {
                        return -1; // unterminated quoted field
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
                    return -1; // a character after the closing quote
                }
            } else {
                start = i;
                byte c;
                while (i < to && (c = line[i]) != ',') {
                    if (c == '"') {
                        return -1; // a quote inside an unquoted field
                    }
                    i++;
                }
                end = i;
            }
            if (count == first) {
                note(0, start, end, quotes);
            }
            if (count == second) {
                note(1, start, end, quotes);
            }
            count++;
            if (i >= to) {
                return count;
            }
            i++; // the comma
        }
    }

    private void note(int which, int start, int end, boolean quotes) {
        starts[which] = start;
        ends[which] = end;
        escaped[which] = quotes;
    }

    /**
     * The content of the first ({@code i} = 0) or second (1) column of the last line split, as a slice: of
     * {@code line} itself, or, for a quoted field with doubled quotes, of a scratch buffer holding it unescaped
     * (valid until the next call).
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
