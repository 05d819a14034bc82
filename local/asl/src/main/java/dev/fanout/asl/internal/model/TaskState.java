package dev.fanout.asl.internal.model;

/** Task. */
public record TaskState(Common common, Resource resource, Dynamic timeoutSeconds, Dynamic heartbeatSeconds,
                        ErrorHandling errors) implements State {
}
