package dev.fanout.local.runtime.esm;

import dev.fanout.deployment.EventSourceMappingSpec;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many batches an event source mapping reads and processes at once, growing as Lambda's does
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html): "When messages are available, Lambda
 * starts processing five batches at a time ... If messages are still available, Lambda increases the number of
 * processes that are reading batches by up to 300 more instances per minute", up to the mapping's
 * MaximumConcurrency. A poller holds a permit while it receives and processes one batch.
 *
 * <p>Lambda does not document when a mapping scales down; here it goes back to the initial concurrency once no
 * batch is in progress and nothing was received for one (scaled) minute, so every job from a quiet queue sees the
 * ramp-up again. Thread-safe.
 */
final class ScalingGate {
    private final Permits permits = new Permits();
    private final int maximum;
    private final EventSourceMappingSpec.Scaling scaling;
    private final long stepNanos;
    private final long idleNanos;
    private int concurrency;
    private int peak;
    private int processing;
    private long lastReceivedNanos;
    private long lastTickNanos;
    private double credit;

    ScalingGate(int maximum, EventSourceMappingSpec.Scaling scaling, long nowNanos) {
        this.maximum = maximum;
        this.scaling = scaling;
        this.stepNanos = Math.max(1, scaling.step().toNanos());
        this.idleNanos = scaling.minute().toNanos();
        this.concurrency = Math.min(maximum, scaling.initialConcurrency());
        this.peak = concurrency;
        this.lastTickNanos = nowNanos;
        this.lastReceivedNanos = nowNanos;
        permits.release(concurrency);
    }

    /** A permit to receive and process one batch, or false after {@code millis}. */
    boolean acquire(long millis) throws InterruptedException {
        return permits.tryAcquire(millis, TimeUnit.MILLISECONDS);
    }

    void release() {
        permits.release();
    }

    synchronized void received(long nowNanos) {
        lastReceivedNanos = nowNanos;
    }

    /** When a receive last returned messages (the gate's start until one has). */
    synchronized long lastReceived() {
        return lastReceivedNanos;
    }

    synchronized void startedBatch() {
        processing++;
    }

    synchronized void endedBatch() {
        processing--;
    }

    /**
     * Whether the gate may grow and the mapping is busy (a batch in progress, or one received lately): only then is
     * the queue worth asking whether more messages wait.
     */
    synchronized boolean mayGrow(long nowNanos) {
        return concurrency < maximum
                && (processing > 0 || nowNanos - lastReceivedNanos < Math.max(idleNanos, 1_000_000_000L));
    }

    /**
     * Moves the gate on to {@code nowNanos}: adds a batch per scaling step while {@code messagesWaiting}, up to the
     * maximum, and goes back to the initial concurrency after an idle spell.
     *
     * @return the concurrency now
     */
    synchronized int tick(long nowNanos, boolean messagesWaiting) {
        long elapsed = Math.max(0, nowNanos - lastTickNanos);
        lastTickNanos = nowNanos;
        if (messagesWaiting && concurrency < maximum) {
            credit += (double) elapsed / stepNanos;
            int add = (int) Math.min(maximum - concurrency, Math.floor(credit));
            if (add > 0) {
                credit -= add;
                concurrency += add;
                peak = Math.max(peak, concurrency);
                permits.release(add);
            }
        } else {
            credit = 0;
        }
        int initial = Math.min(maximum, scaling.initialConcurrency());
        if (processing == 0 && nowNanos - lastReceivedNanos >= idleNanos && concurrency > initial) {
            permits.reduce(concurrency - initial);
            concurrency = initial;
            credit = 0;
        }
        return concurrency;
    }

    synchronized int concurrency() {
        return concurrency;
    }

    /** The most batches at once the gate ever allowed. */
    synchronized int peak() {
        return peak;
    }

    /** The permits can also shrink (a Semaphore's own {@code reducePermits} is protected). */
    private static final class Permits extends Semaphore {
        Permits() {
            super(0);
        }

        void reduce(int n) {
            reducePermits(n);
        }
    }
}
