package dev.fanout.core.internal;

import dev.fanout.core.chunk.TextChunkPlanner;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.pipeline.Limits;
import dev.fanout.core.pipeline.PipelineSettings;

/** Chunk sizes with defaults and limits, shared by the submission (early 400s) and the splitter. Not API. */
public final class ChunkSizing {
    private ChunkSizing() {
    }

    public static long textChunkSize(Long requested, PipelineSettings settings) {
        if (requested == null) {
            return settings.defaultChunkSizeBytes();
        }
        Limits limits = settings.limits();
        if (requested < limits.minChunkSizeBytes() || requested > limits.maxChunkSizeBytes()) {
            throw new InvalidRequestException("chunkSizeBytes", "must be between " + limits.minChunkSizeBytes()
                    + " and " + limits.maxChunkSizeBytes() + " bytes, was " + requested);
        }
        return requested;
    }

    public static int itemChunkSize(Integer requested, PipelineSettings settings) {
        if (requested == null) {
            return settings.defaultChunkSizeItems();
        }
        if (requested < 1 || requested > settings.limits().maxChunkSizeItems()) {
            throw new InvalidRequestException("chunkSizeItems", "must be between 1 and "
                    + settings.limits().maxChunkSizeItems() + ", was " + requested);
        }
        return requested;
    }

    /** The text chunk count, or an InvalidRequestException on chunkSizeBytes naming it and the limit. */
    public static int textChunkCount(long dataStart, long objectSize, long chunkSize, Limits limits) {
        long count = TextChunkPlanner.count(dataStart, objectSize, chunkSize);
        if (count > limits.maxChunks()) {
            throw new InvalidRequestException("chunkSizeBytes", "an input of " + objectSize + " bytes in chunks of "
                    + chunkSize + " bytes gives " + count + " chunks; at most " + limits.maxChunks()
                    + " are allowed, use a larger chunkSizeBytes");
        }
        return (int) count;
    }

    /** The JSON chunk count for a known number of items, with the same check on chunkSizeItems. */
    public static int itemChunkCount(long items, int chunkSize, Limits limits) {
        long count = items / chunkSize + (items % chunkSize == 0 ? 0 : 1);
        if (count > limits.maxChunks()) {
            throw new InvalidRequestException("chunkSizeItems", items + " items in chunks of " + chunkSize
                    + " give " + count + " chunks; at most " + limits.maxChunks() + " are allowed, use larger chunks");
        }
        return (int) count;
    }
}
