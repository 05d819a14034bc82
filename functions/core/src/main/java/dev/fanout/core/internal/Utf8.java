package dev.fanout.core.internal;

/**
 * UTF-8 checks on byte slices, without decoding to a String. {@link #firstInvalid} accepts exactly what a JDK
 * UTF-8 decoder with {@code CodingErrorAction.REPORT} accepts (Unicode's table 3-7: no overlong forms, no
 * surrogates, nothing above U+10FFFF, no truncated sequences). Not API.
 */
public final class Utf8 {
    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private Utf8() {
    }

    /** True if every byte of the slice is ASCII (eight bytes at a time: no byte of a word has its high bit set). */
    public static boolean isAscii(byte[] bytes, int from, int length) {
        int i = from;
        int to = from + length;
        for (int last = to - 8; i <= last; i += 8) {
            if (((long) LONGS.get(bytes, i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Index of the first byte of the first ill-formed sequence in the slice, or -1 if it is valid UTF-8. Eight bytes
     * at a time while they are ASCII or whole two-byte sequences ({@link #asciiOrTwoByteRun}, which covers Latin
     * letters with diacritics); any other word is checked sequence by sequence from its first non-ASCII byte.
     */
    public static int firstInvalid(byte[] bytes, int from, int length) {
        int end = from + length;
        int lastLong = end - 8;
        int i = from;
        while (true) {
            while (i <= lastLong) {
                long word = (long) LONGS.get(bytes, i);
                long high = word & 0x8080808080808080L;
                if (high == 0) {
                    i += 8;
                    continue;
                }
                int run = asciiOrTwoByteRun(word, high);
                if (run == 0) {
                    i += Swar.lowestHighByte(high); // at the first non-ASCII byte: checked below
                    break;
                }
                i += run;
            }
            while (i < end && bytes[i] >= 0) { // the last bytes, fewer than eight (or i is at a non-ASCII byte)
                i++;
            }
            if (i >= end) {
                return -1;
            }
            int n = sequenceLength(bytes, i, end);
            if (n < 0) {
                return i;
            }
            i += n;
        }
    }

    /**
     * For eight bytes (little-endian, the first at the low end) that start at a character boundary and are not all
     * ASCII ({@code high} = their high bits): 8 if they are ASCII and whole two-byte sequences (a lead byte
     * C2..DF followed by a continuation byte 80..BF), 7 if that holds for the first seven and the eighth is such a
     * lead byte (its continuation is in the next word); otherwise 0 (anything else, valid or not, is left to the
     * sequence-by-sequence check). Per byte, as a high bit: a continuation is 10xxxxxx, a lead of two bytes
     * 110xxxxx but not C0 or C1 (1100000x, whose bits 1 to 4 are all clear).
     */
    private static int asciiOrTwoByteRun(long word, long high) {
        long continuation = high & ~(word << 1);
        long lead = high & (word << 1) & ~(word << 2)
                & (((word & 0x1E1E1E1E1E1E1E1EL) + 0x7F7F7F7F7F7F7F7FL) & 0x8080808080808080L);
        if ((high & ~(continuation | lead)) != 0) {
            return 0; // a lead byte of three or four bytes, C0, C1, or F5..FF
        }
        // each lead is followed by a continuation and each continuation follows a lead (a last lead's bit is
        // shifted out: its continuation is in the next word)
        if (continuation != lead << 8) {
            return 0;
        }
        return lead >= 0 ? 8 : 7; // the sign bit is the eighth byte's lead bit
    }

    /** Length of the well-formed multi-byte sequence at {@code i}, or -1. */
    private static int sequenceLength(byte[] bytes, int i, int end) {
        int b0 = bytes[i] & 0xff;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            return i + 1 < end && continuation(bytes[i + 1]) ? 2 : -1;
        }
        if (b0 >= 0xE0 && b0 <= 0xEF) {
            if (i + 2 >= end) {
                return -1;
            }
            int b1 = bytes[i + 1] & 0xff;
            boolean second = b0 == 0xE0 ? b1 >= 0xA0 && b1 <= 0xBF
                    : b0 == 0xED ? b1 >= 0x80 && b1 <= 0x9F
                    : b1 >= 0x80 && b1 <= 0xBF;
            return second && continuation(bytes[i + 2]) ? 3 : -1;
        }
        if (b0 >= 0xF0 && b0 <= 0xF4) {
            if (i + 3 >= end) {
                return -1;
            }
            int b1 = bytes[i + 1] & 0xff;
            boolean second = b0 == 0xF0 ? b1 >= 0x90 && b1 <= 0xBF
                    : b0 == 0xF4 ? b1 >= 0x80 && b1 <= 0x8F
                    : b1 >= 0x80 && b1 <= 0xBF;
            return second && continuation(bytes[i + 2]) && continuation(bytes[i + 3]) ? 4 : -1;
        }
        return -1;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /**
     * The code point of the well-formed sequence starting at {@code i} (the caller has checked the slice with
     * {@link #firstInvalid}); its length is {@link #length(byte)}.
     */
    public static int codePointAt(byte[] bytes, int i) {
        int b0 = bytes[i] & 0xff;
        if (b0 < 0x80) {
            return b0;
        }
        if (b0 < 0xE0) {
            return (b0 & 0x1F) << 6 | bytes[i + 1] & 0x3F;
        }
        if (b0 < 0xF0) {
            return (b0 & 0x0F) << 12 | (bytes[i + 1] & 0x3F) << 6 | bytes[i + 2] & 0x3F;
        }
        return (b0 & 0x07) << 18 | (bytes[i + 1] & 0x3F) << 12 | (bytes[i + 2] & 0x3F) << 6 | bytes[i + 3] & 0x3F;
    }

    /** Length of the sequence a well-formed lead byte starts. */
    public static int length(byte lead) {
        int b0 = lead & 0xff;
        return b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
    }

    /** Writes the UTF-8 bytes of code point {@code cp} (not a surrogate) at {@code to[at]}; returns the index after them. */
    public static int encode(int cp, byte[] to, int at) {
        if (cp < 0x80) {
            to[at] = (byte) cp;
            return at + 1;
        }
        if (cp < 0x800) {
            to[at] = (byte) (0xC0 | cp >> 6);
            to[at + 1] = (byte) (0x80 | cp & 0x3F);
            return at + 2;
        }
        if (cp < 0x10000) {
            to[at] = (byte) (0xE0 | cp >> 12);
            to[at + 1] = (byte) (0x80 | cp >> 6 & 0x3F);
            to[at + 2] = (byte) (0x80 | cp & 0x3F);
            return at + 3;
        }
        to[at] = (byte) (0xF0 | cp >> 18);
        to[at + 1] = (byte) (0x80 | cp >> 12 & 0x3F);
        to[at + 2] = (byte) (0x80 | cp >> 6 & 0x3F);
        to[at + 3] = (byte) (0x80 | cp & 0x3F);
        return at + 4;
    }
}
