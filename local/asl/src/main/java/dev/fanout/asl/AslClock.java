package dev.fanout.asl;

import java.time.Instant;

/**
 * Time for the engine: {@code now()} for timestamps and deadlines, and the ability to wait until a deadline.
 * {@link #system()} uses real time; tests use a manual/virtual clock so Wait, Retry, TimeoutSeconds and
 * HeartbeatSeconds never sleep for real.
 */
public interface AslClock {
    Instant now();

    /**
     * Blocks until {@code deadline} (by this clock) or until {@code lock.notifyAll()} is called on the given monitor;
     * the caller holds {@code monitor}'s lock as with {@link Object#wait(long)}.
     */
    void waitUntil(Object monitor, Instant deadline) throws InterruptedException;

    static AslClock system() {
        return SystemClock.INSTANCE;
    }
}
