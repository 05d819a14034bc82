package dev.fanout.asl.testing;

import dev.fanout.asl.AslClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    private final List<Waiter> waiting = new ArrayList<>();
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

    private record Waiter(Object monitor, Instant deadline) {}

    @Override
    public void waitUntil(Object monitor, Instant deadline) throws InterruptedException {
        // register before checking the time, so an advance() in between still wakes this waiter
        Waiter w = new Waiter(monitor, deadline);
        synchronized (lock) {
            waiting.add(w);
            lock.notifyAll();
        }
        try {
            if (now().isBefore(deadline)) {
                monitor.wait();
            }
        } finally {
            synchronized (lock) {
                waiting.remove(w);
                lock.notifyAll();
            }
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
            monitors = waiting.stream().map(Waiter::monitor).distinct().toList();
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
            return waiting.size();
        }
    }

    /** The earliest deadline anyone waits for, if anyone waits for a finite one. */
    public Optional<Instant> nextDeadline() {
        synchronized (lock) {
            return waiting.stream().map(Waiter::deadline).filter(d -> !d.equals(Instant.MAX)).min(Instant::compareTo);
        }
    }

    /** Jumps to the earliest deadline a waiter has (if later than now); returns whether time moved. */
    public boolean advanceToNextDeadline() {
        Optional<Instant> next = nextDeadline();
        Instant current = now();
        if (next.isEmpty() || !next.get().isAfter(current)) {
            return false;
        }
        advance(Duration.between(current, next.get()));
        return true;
    }

    /**
     * Blocks (in real time, at most {@code timeout}) until at least {@code count} threads wait on this clock;
     * returns whether they do. Use it before {@link #advance(Duration)} so the advance is not lost on an execution
     * that has not reached its wait yet.
     */
    public boolean awaitWaiters(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (waiting.size() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
