package dev.fanout.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TreeCombinerTest {
    /** A non-commutative combine that shows the tree's shape. */
    private static String run(int n) {
        TreeCombiner<String> combiner = new TreeCombiner<>((a, b) -> "(" + a + b + ")", "");
        IntStream.range(0, n).forEach(i -> combiner.add(Character.toString('a' + i)));
        return combiner.result();
    }

    @Test
    void combinesInOrderAsABalancedTree() {
        assertThat(run(0)).isEmpty();
        assertThat(run(1)).isEqualTo("a");
        assertThat(run(4)).isEqualTo("((ab)(cd))");
        assertThat(run(5)).isEqualTo("(((ab)(cd))e)");
        assertThat(run(7)).isEqualTo("(((ab)(cd))((ef)g))");
        assertThat(run(8)).isEqualTo("(((ab)(cd))((ef)(gh)))");
    }

    @Test
    void keepsOrderAndDepthIsLogarithmic() {
        TreeCombiner<String> combiner = new TreeCombiner<>((a, b) -> a + b, "");
        IntStream.range(0, 1000).forEach(i -> combiner.add(i + ","));
        assertThat(combiner.result())
                .isEqualTo(IntStream.range(0, 1000).mapToObj(i -> i + ",").collect(Collectors.joining()));

        TreeCombiner<Integer> depth = new TreeCombiner<>((a, b) -> Math.max(a, b) + 1, 0);
        IntStream.range(0, 10_000).forEach(i -> depth.add(0));
        assertThat(depth.result()).isLessThanOrEqualTo(2 * 14);
    }
}
