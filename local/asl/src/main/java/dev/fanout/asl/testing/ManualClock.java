package dev.fanout.asl.testing;

import dev.fanout.asl.AslClock;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A clock that only moves when a test says so: Wait states, retry intervals, TimeoutSeconds and HeartbeatSeconds
 * complete in microseconds of real time.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * try (AslEngine engine = AslEngine.builder().clock(clock).build()) {
 *     Execution ex = engine.start(engine.parse(definitionWithAWait), arn, "run", "{}");
 *     clock.awaitWaiters(1, Duration.ofSeconds(5));   // the execution reached the Wait state
 *     clock.advance(Duration.ofSeconds(30));           // ... and the 30 seconds pass at once
 *     ex.await(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class ManualClock implements AslClock {
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final Object lock = new Object();
    private final Map<Object, Integer> waiting = new IdentityHashMap<>();
    private Instant now;

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant now() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public void waitUntil(Object monitor, Instant deadline) throws InterruptedException {
        // register before checking the time, so an advance() in between still wakes this waiter
        register(monitor, 1);
        try {
            if (now().isBefore(deadline)) {
                monitor.wait();
            }
        } finally {
            register(monitor, -1);
        }
    }

    private void register(Object monitor, int delta) {
        synchronized (lock) {
            int n = waiting.getOrDefault(monitor, 0) + delta;
            if (n <= 0) {
                waiting.remove(monitor);
            } else {
                waiting.put(monitor, n);
            }
            lock.notifyAll();
        }
    }

    /** Moves time forward and wakes every waiter so it can check its deadline. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + d);
        }
        List<Object> monitors;
        synchronized (lock) {
            now = now.plus(d);
            monitors = List.copyOf(waiting.keySet());
        }
        for (Object m : monitors) {
            synchronized (m) {
                m.notifyAll();
            }
        }
    }

    /** The number of threads currently waiting on this clock. */
    public int waiters() {
        synchronized (lock) {
            return waiting.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * Blocks (in real time, at most {@code timeout}) until at least {@code count} threads wait on this clock;
     * returns whether they do. Use it before {@link #advance(Duration)} so the advance is not lost on an execution
     * that has not reached its wait yet.
     */
    public boolean awaitWaiters(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (waitersLocked() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private int waitersLocked() {
        int sum = 0;
        for (int n : waiting.values()) {
            sum += n;
        }
        return sum;
    }
}
