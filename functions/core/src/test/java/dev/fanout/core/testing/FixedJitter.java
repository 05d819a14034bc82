package dev.fanout.core.testing;

import java.util.random.RandomGenerator;

/** A "random" source that always draws the same fraction of the range, so a backoff's delay is known. */
public final class FixedJitter implements RandomGenerator {
    private final double fraction;

    /** @param fraction in [0, 1]: 0 draws the smallest value, 1 the largest */
    public FixedJitter(double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be within [0, 1]");
        }
        this.fraction = fraction;
    }

    @Override
    public long nextLong() {
        return (long) (fraction * Long.MAX_VALUE);
    }

    @Override
    public long nextLong(long bound) {
        return Math.min(bound - 1, (long) Math.floor(fraction * bound));
    }
}
