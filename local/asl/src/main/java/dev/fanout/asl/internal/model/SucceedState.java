package dev.fanout.asl.internal.model;

/** Succeed. */
public record SucceedState(Common common) implements State {
}
