package dev.fanout.asl.internal.run;

import java.time.Instant;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/** The top-level TimeoutSeconds of one attempt: when the deadline passes while it still runs, times it out. */
final class Watchdog {
    private Watchdog() {
    }

    /** Waits on the engine clock on its own thread; cancel the returned future when the attempt ends first. */
    static Future<?> start(EngineCore engine, Instant deadline, BooleanSupplier running, Runnable timeOut) {
        return engine.executor().submit(() -> {
            Object monitor = new Object();
            try {
                synchronized (monitor) {
                    while (running.getAsBoolean() && engine.clock().now().isBefore(deadline)) {
                        engine.clock().waitUntil(monitor, deadline);
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
            timeOut.run();
        });
    }
}
