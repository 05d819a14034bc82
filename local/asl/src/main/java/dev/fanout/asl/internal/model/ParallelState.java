package dev.fanout.asl.internal.model;

import java.util.List;

/** Parallel. */
public record ParallelState(Common common, List<Graph> branches, ErrorHandling errors) implements State {
    public ParallelState {
        branches = List.copyOf(branches);
    }
}
