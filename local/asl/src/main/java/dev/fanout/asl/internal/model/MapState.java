package dev.fanout.asl.internal.model;

/** Map, INLINE or DISTRIBUTED. */
public record MapState(Common common, MapSpec spec, Graph processor, ErrorHandling errors) implements State {
}
