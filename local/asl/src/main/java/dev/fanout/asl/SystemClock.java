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
        long millis = Duration.between(Instant.now(), deadline).toMillis();
        if (millis > 0) {
            monitor.wait(millis);
        }
    }
}
