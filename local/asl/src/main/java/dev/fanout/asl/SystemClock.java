package dev.fanout.asl;

import java.time.Duration;
import java.time.Instant;

enum SystemClock implements AslClock {
    INSTANCE;

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void waitUntil(Object monitor, Instant deadline) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            return;
        }
        // Object.wait(0) waits forever, which is also what a far deadline means
        long millis = left.getSeconds() > 1_000_000_000L ? 0 : Math.max(1, left.toMillis());
        monitor.wait(millis);
    }
}
