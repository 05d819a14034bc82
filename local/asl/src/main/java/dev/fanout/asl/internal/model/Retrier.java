package dev.fanout.asl.internal.model;

import java.util.List;

/** One element of {@code Retry}, with AWS's defaults already applied. */
public record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                      Integer maxDelaySeconds, boolean fullJitter) {
    public Retrier {
        errorEquals = List.copyOf(errorEquals);
    }
}
