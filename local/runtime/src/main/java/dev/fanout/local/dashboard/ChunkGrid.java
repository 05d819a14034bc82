package dev.fanout.local.dashboard;

import dev.fanout.asl.ExecutionStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The state of every chunk of a job as one compact string, one character per chunk in chunk order, so that a poll
 * of a job of 10,000 chunks costs 10,000 characters rather than 10,000 objects. A chunk is a child execution of
 * the job's Map Run (item index = chunk index); a chunk without a child yet is pending.
 *
 * <pre>{@code
 * ChunkGrid.of(4, List.of(new ChunkGrid.Child(0, ExecutionStatus.SUCCEEDED),
 *         new ChunkGrid.Child(2, ExecutionStatus.RUNNING))).states();   // "S.R."
 * }</pre>
 *
 * @param states one {@link State#code()} per chunk
 */
record ChunkGrid(String states) {
    ChunkGrid {
        Objects.requireNonNull(states, "states");
    }

    /** A chunk's state, and the character that stands for it. */
    enum State {
        PENDING('.'), RUNNING('R'), SUCCEEDED('S'), FAILED('F'), TIMED_OUT('T'), ABORTED('A'), PENDING_REDRIVE('P');

        private final char code;

        State(char code) {
            this.code = code;
        }

        char code() {
            return code;
        }

        static State of(ExecutionStatus status) {
            return switch (status) {
                case RUNNING -> RUNNING;
                case SUCCEEDED -> SUCCEEDED;
                case FAILED -> FAILED;
                case TIMED_OUT -> TIMED_OUT;
                case ABORTED -> ABORTED;
                case PENDING_REDRIVE -> PENDING_REDRIVE;
            };
        }
    }

    /** One child execution of the Map Run: the chunk it runs and its status. */
    record Child(int index, ExecutionStatus status) {
        Child {
            Objects.requireNonNull(status, "status");
        }
    }

    /** The grid of {@code total} chunks; children outside {@code [0, total)} are ignored. */
    static ChunkGrid of(int total, List<Child> children) {
        char[] states = new char[Math.max(0, total)];
        Arrays.fill(states, State.PENDING.code());
        for (Child child : children) {
            if (child.index() >= 0 && child.index() < states.length) {
                states[child.index()] = State.of(child.status()).code();
            }
        }
        return new ChunkGrid(new String(states));
    }

    /** How many chunks are in {@code state}. */
    long count(State state) {
        return states.chars().filter(c -> c == state.code()).count();
    }
}
