package dev.fanout.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CombinePlanTest {

    @Nested
    class Threshold {
        @Test
        void aJobOfAtMostMaxPartialsChunksHasNoCombineLevel() {
            assertThat(CombinePlan.of(0, 6_000)).isNull();
            assertThat(CombinePlan.of(1, 6_000)).isNull();
            assertThat(CombinePlan.of(6_000, 6_000)).isNull();
        }

        @Test
        void oneChunkMoreThanMaxPartials_isTwoGroups() {
            assertThat(CombinePlan.of(6_001, 6_000)).isEqualTo(new CombinePlan(2, 3_001));
        }

        @Test
        void refusesANonPositiveMaximum() {
            assertThatThrownBy(() -> CombinePlan.of(10, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxPartials");
        }
    }

    @Nested
    class Grouping {
        /** By hand: ceil(n / max) groups, ceil(n / groups) chunks each. */
        @ParameterizedTest
        @CsvSource({
                "100000, 6000, 17, 5883",
                "10000, 6000, 2, 5000",
                "20, 4, 5, 4",
                "21, 4, 6, 4",
                "9, 4, 3, 3",
                "5, 2, 3, 2"})
        void theFewestGroupsOfAtMostMaxPartials_asEvenAsPossible(int chunks, int max, int groups, int size) {
            CombinePlan plan = CombinePlan.of(chunks, max);

            assertThat(plan).isEqualTo(new CombinePlan(groups, size));
            assertThat(plan.groupSize()).isLessThanOrEqualTo(max);
        }

        @ParameterizedTest
        @CsvSource({"100000, 6000", "21, 4", "9, 4", "7, 2", "100000, 2", "6145, 6144"})
        void everyChunkIsInExactlyOneGroup_inOrder_andNoGroupIsEmpty(int chunks, int max) {
            CombinePlan plan = CombinePlan.of(chunks, max);

            int next = 0;
            for (int g = 0; g < plan.groups(); g++) {
                assertThat(plan.first(g)).isEqualTo(next);
                assertThat(plan.end(g, chunks)).isGreaterThan(plan.first(g));
                for (int i = plan.first(g); i < plan.end(g, chunks); i++) {
                    assertThat(plan.groupOf(i)).isEqualTo(g);
                }
                next = plan.end(g, chunks);
            }
            assertThat(next).isEqualTo(chunks);
        }

        /** States.ArrayRange lists the groups: at most 1,000; past that the groups grow instead. */
        @Test
        void atMostAThousandGroups_evenForATinyMaximum() {
            CombinePlan plan = CombinePlan.of(100_000, 2);

            assertThat(plan).isEqualTo(new CombinePlan(1_000, 100));
        }

        /** A group's failed chunks travel in S3 user metadata (2 KB): a group holds at most 6,144 chunks. */
        @Test
        void atMost6144ChunksAGroup_evenForAHugeMaximum() {
            CombinePlan plan = CombinePlan.of(100_000, 50_000);

            assertThat(plan.groupSize()).isLessThanOrEqualTo(CombinePlan.MAX_GROUP_SIZE);
            assertThat(plan).isEqualTo(new CombinePlan(17, 5_883));
        }

        @Test
        void refusesGroupsOutsideTheCaps() {
            assertThatThrownBy(() -> new CombinePlan(1_001, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CombinePlan(1, 6_145)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CombinePlan(2, 3).first(2)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
