package dev.fanout.asl.internal.model;

/** Fail: {@code Error}/{@code ErrorPath} and {@code Cause}/{@code CausePath} (or JSONata expressions). */
public record FailState(Common common, Dynamic error, Dynamic cause) implements State {
}
