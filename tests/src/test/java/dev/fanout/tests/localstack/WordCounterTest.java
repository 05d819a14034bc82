package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WordCounterTest {

    @Test
    void countsRunsOfNonWhitespace() {
        assertThat(WordCounter.count("to be or\nnot  to be\n")).isEqualTo(Map.of("to", 2L, "be", 2L, "or", 1L,
                "not", 1L));
    }

    @Test
    void countsNothingInBlankText() {
        assertThat(WordCounter.count(" \n\n ")).isEmpty();
    }

    @Test
    void generatesTheSameSampleForTheSameSeed_andADifferentOneForAnother() {
        assertThat(SampleText.generate(7, 2048)).isEqualTo(SampleText.generate(7, 2048))
                .isNotEqualTo(SampleText.generate(8, 2048));
    }

    @Test
    void generatesOnlyLowercaseWordsOnNewlineTerminatedLines() {
        String text = SampleText.generate(3, 4096);

        assertThat(text.length()).isGreaterThanOrEqualTo(4096);
        assertThat(text).endsWith("\n").matches("([a-z]+( [a-z]+)*\n)+");
    }

    @Test
    void readsAResultObjectOfWordCounts() {
        assertThat(WordCountResult.parse("{\"fan\":3,\"out\":1}")).isEqualTo(Map.of("fan", 3L, "out", 1L));
    }

    @Test
    void rejectsAResultThatIsNotAnObjectOfCounts() {
        assertThatThrownBy(() -> WordCountResult.parse("[1,2]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WordCountResult.parse("{\"fan\":\"many\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fan");
    }
}
