package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Writes a {@link GroupedAggregates} result — key → {@code {"count", "sum", "min", "max", "mean"}}, keys in
 * {@link String#compareTo} order ({@link SortedKeys}) — byte for byte as the shared mapper's generator writes it
 * ({@code writeFieldName}, {@code writeNumberField} of a long and of a {@link BigDecimal}, which Jackson writes as
 * its {@link BigDecimal#toString}, as the mapper does not enable {@code WRITE_BIGDECIMAL_AS_PLAIN}), straight into
 * a byte buffer. A decimal held as an unscaled long and a scale is written as the digits {@code toString} gives it
 * in plain notation (all of them but those below 10^-6 in magnitude, which fall back to {@code toString});
 * the mean is {@code sum / count} rounded to {@link MathContext#DECIMAL64}. Keys are written as
 * {@link CountsWriter} writes them: UTF-8 unless the generator escapes something, then by the generator.
 */
final class GroupedResultWriter {
    private static final int FLUSH_AT = 1 << 16;
    private static final byte[] COUNT = ":{\"count\":".getBytes(US_ASCII);
    private static final byte[] SUM = ",\"sum\":".getBytes(US_ASCII);
    private static final byte[] MIN = ",\"min\":".getBytes(US_ASCII);
    private static final byte[] MAX = ",\"max\":".getBytes(US_ASCII);
    private static final byte[] MEAN = ",\"mean\":".getBytes(US_ASCII);

    private final OutputStream out;
    private final Mean mean = new Mean();
    private byte[] buffer = new byte[FLUSH_AT + 1024];
    private int size;

    private GroupedResultWriter(OutputStream out) {
        this.out = out;
    }

    static void write(GroupStats groups, OutputStream out) throws IOException {
        int n = groups.size();
        String[] keys = new String[n];
        for (int g = 0; g < n; g++) {
            keys[g] = groups.key(g);
        }
        GroupedResultWriter w = new GroupedResultWriter(out);
        w.buffer[w.size++] = '{';
        boolean first = true;
        for (int g : SortedKeys.order(keys)) {
            if (!first) {
                w.buffer[w.size++] = ',';
            }
            first = false;
            w.group(keys[g], groups, g);
            if (w.size >= FLUSH_AT) {
                out.write(w.buffer, 0, w.size);
                w.size = 0;
            }
        }
        w.buffer[w.size++] = '}';
        out.write(w.buffer, 0, w.size);
        out.flush();
    }

    private void group(String key, GroupStats groups, int g) throws IOException {
        ensure(3 * key.length() + 256);
        if (!writePlain(key)) {
            writeQuoted(key);
        }
        bytes(COUNT);
        long count = groups.count(g);
        writeLong(count);
        if (groups.isExactLongs(g)) {
            bytes(SUM);
            decimal(groups.unscaled(g, 0), groups.scale(g, 0));
            bytes(MIN);
            decimal(groups.unscaled(g, 1), groups.scale(g, 1));
            bytes(MAX);
            decimal(groups.unscaled(g, 2), groups.scale(g, 2));
            bytes(MEAN);
            long sum = groups.unscaled(g, 0);
            int scale = groups.scale(g, 0);
            if (mean.of(sum, scale, count)) {
                decimal(mean.unscaled, mean.scale);
            } else {
                text(BigDecimal.valueOf(sum, scale).divide(BigDecimal.valueOf(count), MathContext.DECIMAL64)
                        .toString());
            }
        } else {
            CsvAggregateJob.Stats s = groups.stats(g);
            bytes(SUM);
            text(s.sum().toString());
            bytes(MIN);
            text(s.min().toString());
            bytes(MAX);
            text(s.max().toString());
            bytes(MEAN);
            text(s.mean().toString());
        }
        buffer[size++] = '}';
    }

    /** {@code BigDecimal.valueOf(unscaled, scale).toString()}. */
    private void decimal(long unscaled, int scale) {
        if (scale == 0) {
            writeLong(unscaled);
            return;
        }
        if (unscaled == Long.MIN_VALUE || scale < 0) {
            text(BigDecimal.valueOf(unscaled, scale).toString());
            return;
        }
        long magnitude = Math.abs(unscaled);
        int digits = digits(magnitude);
        if (digits - 1 - scale < -6) { // toString's adjusted exponent: scientific notation
            text(BigDecimal.valueOf(unscaled, scale).toString());
            return;
        }
        if (unscaled < 0) {
            buffer[size++] = '-';
        }
        int whole = digits - scale; // digits before the point, or -(zeros after "0.")
        int end = size + (whole > 0 ? digits + 1 : 2 - whole + digits);
        int p = end;
        for (int i = 0; i < scale; i++) {
            buffer[--p] = (byte) ('0' + magnitude % 10);
            magnitude /= 10;
        }
        buffer[--p] = '.';
        if (whole > 0) {
            do {
                buffer[--p] = (byte) ('0' + magnitude % 10);
                magnitude /= 10;
            } while (magnitude != 0);
        } else {
            buffer[--p] = '0';
        }
        size = end;
    }

    private static int digits(long magnitude) {
        int digits = 1;
        for (long v = magnitude; v >= 10; v /= 10) {
            digits++;
        }
        return digits;
    }

    private void writeLong(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                text(Long.toString(value));
                return;
            }
            buffer[size++] = '-';
            value = -value;
        }
        int p = size + digits(value);
        size = p;
        do {
            buffer[--p] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
    }

    private void bytes(byte[] b) {
        System.arraycopy(b, 0, buffer, size, b.length);
        size += b.length;
    }

    /** ASCII text (a number's). */
    private void text(String s) {
        ensure(s.length());
        s.getBytes(0, s.length(), buffer, size);
        size += s.length();
    }

    /** The key in quotes as UTF-8, or false (nothing written) if the generator would escape something in it. */
    private boolean writePlain(String key) {
        int end = JsonKeys.writePlain(key, buffer, size);
        if (end < 0) {
            return false;
        }
        size = end;
        return true;
    }

    /** Rare: the generator's own quoting and escapes. */
    private void writeQuoted(String key) throws IOException {
        byte[] bytes = JsonKeys.quoted(key);
        ensure(bytes.length + 256);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, size + more)];
            System.arraycopy(buffer, 0, bigger, 0, size);
            buffer = bigger;
        }
    }

    /**
     * {@code BigDecimal.valueOf(sum, scale).divide(BigDecimal.valueOf(count), MathContext.DECIMAL64)} in longs: the
     * quotient's first 16 significant digits by long division, rounded half-even on the remainder (a carry to 17
     * digits drops the last, a zero, as BigDecimal's rounding does); an exact quotient then loses trailing zeros
     * down to the preferred scale, {@code scale}. Handles {@code sum != 0} (not {@link Long#MIN_VALUE}),
     * {@code 0 <= scale <= 18} and {@code 1 <= count < 10^17} with a quotient below 10^16 (in units of the sum's
     * last digit); anything else is left to BigDecimal.
     */
    static final class Mean {
        private static final long P15 = 1_000_000_000_000_000L;
        private static final long P16 = 10 * P15;
        private static final long P17 = 10 * P16;
        private static final long[] POWERS = new long[19];

        static {
            POWERS[0] = 1;
            for (int i = 1; i < POWERS.length; i++) {
                POWERS[i] = POWERS[i - 1] * 10;
            }
        }

        long unscaled;
        int scale;

        boolean of(long sum, int sumScale, long count) {
            if (sum == 0 || sum == Long.MIN_VALUE || count < 1 || count >= P17 || sumScale < 0 || sumScale > 18) {
                return false;
            }
            long a = Math.abs(sum);
            long q = a / count;
            long r = a % count;
            if (q >= P16) {
                return false;
            }
            int fraction = 0;
            int room = 18 - digits(count); // r × 10^room < count × 10^room < 10^18: no overflow
            while (q < P15) {
                int m = Math.min(16 - (q == 0 ? 0 : digits(q)), room); // q × 10^m < 10^16
                long p = POWERS[m];
                long t = r * p;
                q = q * p + t / count;
                r = t % count;
                fraction += m;
            }
            if (r != 0) {
                long rest = count - r;
                if (r > rest || (r == rest && (q & 1) == 1)) {
                    q++;
                    if (q == P16) {
                        q = P15;
                        fraction--;
                    }
                }
            } else {
                while (fraction > 0 && q % 10 == 0) {
                    q /= 10;
                    fraction--;
                }
            }
            unscaled = sum < 0 ? -q : q;
            scale = sumScale + fraction;
            return true;
        }
    }
}
