package dev.fanout.asl.internal.model;

/**
 * Wait: exactly one of {@code seconds} (Seconds/SecondsPath/JSONata) and {@code timestamp}
 * (Timestamp/TimestampPath/JSONata) is present.
 */
public record WaitState(Common common, Dynamic seconds, Dynamic timestamp) implements State {
}
