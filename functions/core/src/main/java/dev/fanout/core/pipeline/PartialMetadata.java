package dev.fanout.core.pipeline;

import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.ObjectLocation;
import java.util.Map;

/** A partial's S3 user metadata: the {@link ChunkResult} numbers, so the reducer needs no other record. */
final class PartialMetadata {
    static final String RECORDS = "records";
    static final String SKIPPED = "skipped-records";
    static final String BYTES = "bytes";
    static final String DURATION = "duration-millis";
    static final String RECEIVE_COUNT = "receive-count";

    private PartialMetadata() {
    }

    static Map<String, String> of(ChunkResult result) {
        return Map.of(RECORDS, Long.toString(result.records()), SKIPPED, Long.toString(result.skippedRecords()),
                BYTES, Long.toString(result.bytes()), DURATION, Long.toString(result.durationMillis()),
                RECEIVE_COUNT, Integer.toString(result.receiveCount()));
    }

    static ChunkResult read(int index, ObjectLocation partial, Map<String, String> metadata) {
        return new ChunkResult(index, partial, number(metadata, RECORDS), number(metadata, SKIPPED),
                number(metadata, BYTES), number(metadata, DURATION), (int) Math.max(1, number(metadata, RECEIVE_COUNT)));
    }

    /** Metadata keys may come back in another case (HTTP headers); missing numbers count as 0. */
    private static long number(Map<String, String> metadata, String key) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                try {
                    return Long.parseLong(e.getValue().trim());
                } catch (NumberFormatException ignored) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
