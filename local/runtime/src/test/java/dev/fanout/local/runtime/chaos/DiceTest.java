package dev.fanout.local.runtime.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DiceTest {
    private static List<Integer> struck(Dice dice, FaultKind kind, double p) {
        return IntStream.range(0, 1000).filter(i -> dice.roll(kind, Integer.toString(i), p)).boxed().toList();
    }

    @Test
    void theSameSeedStrikesTheSameChunks() {
        assertThat(struck(new Dice(7), FaultKind.THROW, 0.2)).isEqualTo(struck(new Dice(7), FaultKind.THROW, 0.2));
    }

    @Test
    void anotherSeedOrKindStrikesOthers() {
        List<Integer> seven = struck(new Dice(7), FaultKind.THROW, 0.2);
        assertThat(struck(new Dice(8), FaultKind.THROW, 0.2)).isNotEqualTo(seven);
        assertThat(struck(new Dice(7), FaultKind.HANG, 0.2)).isNotEqualTo(seven);
    }

    @Test
    void strikesAboutTheGivenShare_noneAtZero_allAtOne() {
        assertThat(struck(new Dice(1), FaultKind.THROW, 0.2).size()).isBetween(160, 240);
        assertThat(struck(new Dice(1), FaultKind.THROW, 0)).isEmpty();
        assertThat(struck(new Dice(1), FaultKind.THROW, 1)).hasSize(1000);
    }

    @Test
    void picksAreStableAndSpread() {
        Dice dice = new Dice(3);
        assertThat(dice.pick(FaultKind.S3_ERRORS, "GET /a", 2)).isEqualTo(dice.pick(FaultKind.S3_ERRORS, "GET /a", 2));
        assertThat(IntStream.range(0, 200).map(i -> dice.pick(FaultKind.S3_ERRORS, "GET /" + i, 2)).distinct())
                .containsExactlyInAnyOrder(0, 1);
    }
}
