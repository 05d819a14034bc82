package dev.fanout.core.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans a text object as byte ranges of equal size, without reading it: O(number of chunks). The ranges
 * need not fall on line boundaries: {@link TextRangeReader} gives each range the lines that start inside it.
 *
 * <pre>{@code
 * long n = TextChunkPlanner.count(dataStart, size, chunkSize);   // check against the limit first
 * List<ByteRange> ranges = TextChunkPlanner.plan(dataStart, size, chunkSize);
 * }</pre>
 */
public final class TextChunkPlanner {
    private TextChunkPlanner() {
    }

    /** How many chunks {@link #plan} would return; cheap, for checking limits before planning. */
    public static long count(long dataStart, long objectSize, long chunkSize) {
        check(dataStart, objectSize, chunkSize);
        long data = objectSize - Math.min(dataStart, objectSize);
        return data / chunkSize + (data % chunkSize == 0 ? 0 : 1);
    }

    /** Ranges covering {@code [dataStart, objectSize)}; empty when there is no data. */
    public static List<ByteRange> plan(long dataStart, long objectSize, long chunkSize) {
        long n = count(dataStart, objectSize, chunkSize);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many chunks: " + n);
        }
        List<ByteRange> ranges = new ArrayList<>((int) n);
        for (long start = dataStart; start < objectSize; start += chunkSize) {
            ranges.add(new ByteRange(start, Math.min(objectSize, start + chunkSize)));
        }
        return ranges;
    }

    private static void check(long dataStart, long objectSize, long chunkSize) {
        if (dataStart < 0 || objectSize < 0 || chunkSize < 1) {
            throw new IllegalArgumentException("bad plan input: dataStart " + dataStart + ", size " + objectSize
                    + ", chunk size " + chunkSize);
        }
    }
}
