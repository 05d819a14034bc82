package dev.fanout.local.runtime.chaos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Seeded decisions: whether a fault of a kind strikes a given identity (a chunk's attempt, an S3 request, a task
 * callback) is a function of the seed, the kind and the identity alone, never of thread timing, so the same seed
 * strikes the same chunks and requests in every run.
 */
final class Dice {
    private final long seed;

    Dice(long seed) {
        this.seed = seed;
    }

    /** True with probability {@code p}, the same answer every time for the same kind and identity. */
    boolean roll(FaultKind kind, String identity, double p) {
        return p > 0 && uniform(kind, identity) < p;
    }

    /** One of {@code choices} options, the same every time for the same kind and identity. */
    int pick(FaultKind kind, String identity, int choices) {
        return (int) Math.min(choices - 1, (long) (uniform(kind, identity + "#pick") * choices));
    }

    /** A number in [0, 1) from SHA-256 of seed, kind and identity. */
    double uniform(FaultKind kind, String identity) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((seed + "/" + kind.key() + "/" + identity).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (digest[i] & 0xff);
            }
            return (bits >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
