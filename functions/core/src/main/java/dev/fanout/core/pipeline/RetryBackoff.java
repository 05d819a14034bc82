package dev.fanout.core.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a worker puts a transiently failed delivery back: exponential backoff with full jitter, a delay drawn
 * uniformly from {@code [0, min(cap, base × 2^(receive − 1))]} ("Exponential Backoff And Jitter", AWS Architecture
 * Blog, https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/: full jitter spreads the retries
 * of many clients that failed together, so they do not fail together again).
 */
final class RetryBackoff {
    private static final int MAX_DOUBLINGS = 30;

    private final WorkerTiming timing;
    private final RandomGenerator random;

    RetryBackoff(WorkerTiming timing, RandomGenerator random) {
        this.timing = Objects.requireNonNull(timing, "timing");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The delay after the delivery with this receive count failed. */
    Duration after(int receiveCount) {
        return Duration.ofMillis(random.nextLong(ceiling(receiveCount) + 1));
    }

    /** The longest delay after this receive: the exponential step, capped. */
    long ceiling(int receiveCount) {
        int doublings = Math.max(0, Math.min(MAX_DOUBLINGS, receiveCount - 1));
        long cap = timing.retryBackoffCap().toMillis();
        long base = timing.retryBackoffBase().toMillis();
        return base > (cap >> doublings) ? cap : Math.min(cap, base << doublings);
    }
}
