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
}
