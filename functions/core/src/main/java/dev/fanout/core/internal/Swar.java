package dev.fanout.core.internal;

/**
 * Bit tricks on eight bytes read as one little-endian {@code long} (SWAR: SIMD within a register). Not API.
 *
 * <p>Written for the client compiler (C1) as much as for C2: AWS's java17 and java21 Lambda runtimes stop tiered
 * compilation at level 1 by default (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html), and
 * {@code fanout run} does the same for inputs of up to 1 GiB. C1 inlines only methods of at most 35 bytes of
 * bytecode and has no intrinsic for {@link Long#numberOfTrailingZeros}, which it therefore calls (a call and some
 * twenty shifts and branches); the multiply below is a few instructions under both compilers.
 */
public final class Swar {
    /** Byte {@code j} of this constant is {@code 7 - j}, so {@code (1L << 8k) * BYTE_INDEX} has {@code k} in its top byte. */
    private static final long BYTE_INDEX = 0x0001020304050607L;

    private Swar() {
    }

    /**
     * Index (0 to 7, from the low end) of the lowest byte whose high bit is set, for {@code highBits} with no bit set
     * but byte high bits ({@code x & 0x8080808080808080L}) and at least one of them set; the same as
     * {@code Long.numberOfTrailingZeros(highBits) >>> 3}. The lowest set bit is isolated ({@code 1L << (8k + 7)}),
     * moved to {@code 1L << 8k}, and the multiply shifts {@link #BYTE_INDEX} left by {@code k} bytes.
     */
    public static int lowestHighByte(long highBits) {
        return (int) ((((highBits & -highBits) >>> 7) * BYTE_INDEX) >>> 56);
    }
}
