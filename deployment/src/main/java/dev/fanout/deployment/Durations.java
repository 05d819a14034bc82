package dev.fanout.deployment;

import java.time.Duration;
import java.util.Objects;

/** Checks of the durations AWS takes in whole seconds (Lambda timeouts, HeartbeatSeconds, SQS attributes). */
final class Durations {
    private Durations() {
    }

    static void requireWholeSeconds(String name, Duration value, long minSeconds, long maxSeconds) {
        Objects.requireNonNull(value, name);
        if (value.getNano() != 0 || value.getSeconds() < minSeconds || value.getSeconds() > maxSeconds) {
            throw new IllegalArgumentException(name + " must be whole seconds within [" + minSeconds + ", "
                    + maxSeconds + "] s, was " + value);
        }
    }
}
