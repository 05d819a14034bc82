package dev.fanout.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
    private static boolean jdkAccepts(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void acceptsExactlyWhatTheJdkDecoderAccepts_forRandomBytes() {
        Random random = new Random(3);
        // bytes around every boundary of table 3-7: leads, continuations, overlongs, surrogates, > U+10FFFF
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};
        int invalid = 0;
        for (int t = 0; t < 200_000; t++) {
            byte[] bytes = new byte[random.nextInt(7)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) interesting[random.nextInt(interesting.length)];
            }
            boolean jdk = jdkAccepts(bytes);
            invalid += jdk ? 0 : 1;
            assertThat(Utf8.firstInvalid(bytes, 0, bytes.length) < 0).as("%s", java.util.HexFormat.of()
                    .formatHex(bytes)).isEqualTo(jdk);
        }
        assertThat(invalid).isBetween(10_000, 190_000); // both kinds were tried
    }

    @Test
    void findsTheSameFirstBadByte_inLongMostlyAsciiRuns() {
        Random random = new Random(4);
        for (int t = 0; t < 20_000; t++) {
            byte[] bytes = new byte[random.nextInt(80)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(12) == 0 ? (byte) (0x80 + random.nextInt(128)) : (byte) random.nextInt(128);
            }
            int found = Utf8.firstInvalid(bytes, 0, bytes.length);
            assertThat(found < 0).isEqualTo(jdkAccepts(bytes));
            if (found >= 0) {
                assertThat(jdkAccepts(java.util.Arrays.copyOf(bytes, found))).isTrue(); // all before it is valid
            }
        }
    }

    @Test
    void findsTheFirstBadSequenceInsideASlice() {
        byte[] bytes = {'x', 'a', (byte) 0xC3, (byte) 0xA9, 'b', (byte) 0xC3, 'c', 'x'};
        assertThat(Utf8.firstInvalid(bytes, 1, 4)).isEqualTo(-1);  // "aéb"
        assertThat(Utf8.firstInvalid(bytes, 1, 6)).isEqualTo(5);   // a lone lead byte
        assertThat(Utf8.firstInvalid(bytes, 1, 2)).isEqualTo(2);   // a sequence cut by the slice's end
    }

    @Test
    void decodesCodePointsLikeString() {
        String text = "aé€😀ß\u0301\uD835\uDD18";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        for (int c = 0; c < text.length(); c += Character.charCount(text.codePointAt(c))) {
            assertThat(Utf8.codePointAt(bytes, i)).isEqualTo(text.codePointAt(c));
            i += Utf8.length(bytes[i]);
        }
        assertThat(i).isEqualTo(bytes.length);
    }

    /** The JDK decoder's first malformed byte (REPORT), or -1: the reference for {@link Utf8#firstInvalid}. */
    private static int jdkFirstInvalid(byte[] bytes, int from, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, length);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(2 * length + 2);
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        return result.isError() ? in.position() : -1;
    }

    @Test
    void findsTheFirstBadByte_atEveryPositionOfTheEightByteWords_andOfTheLastFewBytes() {
        byte[][] bad = {{(byte) 0x80}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xFF}, {(byte) 0xC3, 'a'}};
        byte[][] fillers = {"a".getBytes(StandardCharsets.UTF_8), "\u00e9".getBytes(StandardCharsets.UTF_8),
            "\u20ac".getBytes(StandardCharsets.UTF_8), "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)};
        int checked = 0;
        for (int filler = 0; filler < fillers.length; filler++) {
            for (int length = 0; length <= 40; length++) {
                for (int at = 0; at <= length; at++) {
                    for (byte[] b : bad) {
                        for (int from : new int[] {0, 3}) {
                            byte[] bytes = text(fillers[filler], from, at, b, length);
                            int expected = jdkFirstInvalid(bytes, from, bytes.length - from);
                            assertThat(expected).as("the reference sees the bad bytes").isGreaterThanOrEqualTo(0);
                            assertThat(Utf8.firstInvalid(bytes, from, bytes.length - from))
                                    .as("filler %d, length %d, bad at %d: %s", filler, length, at,
                                            java.util.HexFormat.of().formatHex(bytes)).isEqualTo(expected);
                            // the same bytes cut just before the bad sequence are valid
                            int cut = expected - from;
                            assertThat(Utf8.firstInvalid(bytes, from, cut)).isEqualTo(-1);
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(20_000);
    }

    /**
     * {@code from} bytes of 'x', then whole filler characters up to about {@code at} bytes, the bad bytes, and whole
     * filler characters again up to about {@code length} bytes.
     */
    private static byte[] text(byte[] filler, int from, int at, byte[] bad, int length) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("x".repeat(from).getBytes(StandardCharsets.US_ASCII));
        while (out.size() - from + filler.length <= at) {
            out.writeBytes(filler);
        }
        while (out.size() - from < at) {
            out.write('a');
        }
        out.writeBytes(bad);
        while (out.size() - from + filler.length <= length) {
            out.writeBytes(filler);
        }
        return out.toByteArray();
    }

    @Test
    void isAscii_findsANonAsciiByteAtEveryPosition() {
        for (int length = 0; length <= 40; length++) {
            for (int from : new int[] {0, 1, 5}) {
                byte[] bytes = new byte[from + length + 3];
                java.util.Arrays.fill(bytes, (byte) 'q');
                bytes[0] = (byte) 0xC3;                      // outside the slice (when from > 0)
                bytes[from + length] = (byte) 0xA9;          // right after the slice
                assertThat(Utf8.isAscii(bytes, from, length)).as("length %d from %d", length, from)
                        .isEqualTo(from > 0 || length == 0);
                for (int at = 0; at < length; at++) {
                    for (int value : new int[] {0x80, 0xFF, 0xC3}) {
                        byte[] copy = bytes.clone();
                        copy[from + at] = (byte) value;
                        assertThat(Utf8.isAscii(copy, from, length)).as("length %d, byte %d", length, at).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void findsExactlyTheJdksFirstBadByte_inLongMixesOfTwoByteAndOtherSequences() {
        Random random = new Random(5);
        // whole two-byte sequences at the edges of C2..DF / 80..BF, and what must not pass as one
        int[][] pieces = {{'a'}, {'Z'}, {0xC2, 0x80}, {0xDF, 0xBF}, {0xC3, 0xA9}, {0xC0, 0x80}, {0xC1, 0xBF},
            {0xC3}, {0x80}, {0xBF}, {0xC3, 0xC0}, {0xC3, 0x7F}, {0xE2, 0x82, 0xAC}, {0xF0, 0x9F, 0x98, 0x80},
            {0xED, 0xA0, 0x80}, {0xF8}, {0xFF}};
        int invalid = 0;
        for (int t = 0; t < 100_000; t++) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int kinds = random.nextInt(4) == 0 ? pieces.length : 5; // mostly valid ASCII and two-byte sequences
            for (int p = random.nextInt(40); p > 0; p--) {
                for (int b : pieces[random.nextInt(kinds)]) {
                    out.write(b);
                }
            }
            byte[] bytes = out.toByteArray();
            int from = bytes.length == 0 ? 0 : random.nextInt(Math.min(3, bytes.length));
            int expected = jdkFirstInvalid(bytes, from, bytes.length - from);
            invalid += expected >= 0 ? 1 : 0;
            assertThat(Utf8.firstInvalid(bytes, from, bytes.length - from)).as("%s from %d",
                    java.util.HexFormat.of().formatHex(bytes), from).isEqualTo(expected);
        }
        assertThat(invalid).isBetween(10_000, 90_000);
    }
}
