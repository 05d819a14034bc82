package dev.fanout.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.asl.ExecutionStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkGridTest {

    @Test
    void givesOneCharacterPerChunk_pendingWhereNoChildStartedYet() {
        ChunkGrid grid = ChunkGrid.of(8, List.of(
                new ChunkGrid.Child(0, ExecutionStatus.SUCCEEDED),
                new ChunkGrid.Child(1, ExecutionStatus.RUNNING),
                new ChunkGrid.Child(2, ExecutionStatus.FAILED),
                new ChunkGrid.Child(3, ExecutionStatus.TIMED_OUT),
                new ChunkGrid.Child(4, ExecutionStatus.ABORTED),
                new ChunkGrid.Child(6, ExecutionStatus.PENDING_REDRIVE)));

        assertThat(grid.states()).isEqualTo("SRFTA.P.");
        assertThat(grid.count(ChunkGrid.State.PENDING)).isEqualTo(2);
        assertThat(grid.count(ChunkGrid.State.SUCCEEDED)).isEqualTo(1);
    }

    @Test
    void ignoresChildrenOutsideTheJobsChunks() {
        ChunkGrid grid = ChunkGrid.of(2, List.of(new ChunkGrid.Child(-1, ExecutionStatus.SUCCEEDED),
                new ChunkGrid.Child(2, ExecutionStatus.FAILED), new ChunkGrid.Child(1, ExecutionStatus.SUCCEEDED)));

        assertThat(grid.states()).isEqualTo(".S");
    }

    @Test
    void isEmptyBeforeTheMapRunKnowsItsChunks() {
        assertThat(ChunkGrid.of(0, List.of()).states()).isEmpty();
    }

    @Test
    void keepsAJobOfTenThousandChunksToTenThousandCharacters() {
        List<ChunkGrid.Child> children = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> new ChunkGrid.Child(i, i % 2 == 0 ? ExecutionStatus.SUCCEEDED : ExecutionStatus.RUNNING))
                .toList();

        ChunkGrid grid = ChunkGrid.of(10_000, children);

        assertThat(grid.states()).hasSize(10_000).startsWith("SRSR").endsWith("SR");
    }
}
