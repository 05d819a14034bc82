package dev.fanout.core.pipeline;

import dev.fanout.core.error.MissingPartialsException;
import dev.fanout.core.job.OutputParts;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.port.BlobStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Before a map-only job's manifest is written: every part its partials name is in the results bucket, whole (the
 * size its worker committed). One listing of the job's parts, a page per 1,000 of them.
 */
final class OutputCheck {
    private static final int NAMED = 20;

    private OutputCheck() {
    }

    static void requireParts(BlobStore blobs, String resultsBucket, String jobId, OutputParts parts) {
        Map<String, Long> stored = new HashMap<>();
        for (ObjectInfo info : blobs.listing(resultsBucket, Keys.partsPrefix(jobId))) {
            stored.put(info.location().key(), info.size());
        }
        List<Integer> wrong = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (OutputParts.Part part : parts.parts()) {
            Long size = stored.get(part.key());
            if (size == null || size != part.bytes()) {
                wrong.add(chunkOf(part.key()));
                if (named.size() < NAMED) {
                    named.add(part.key() + (size == null ? " is missing" : " has " + size + " bytes, not "
                            + part.bytes()));
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new MissingPartialsException(wrong.subList(0, Math.min(NAMED, wrong.size())), wrong.size()
                    + " part(s) of job " + jobId + " are not as their chunks committed them: " + String.join("; ", named)
                    + (wrong.size() > NAMED ? "; and " + (wrong.size() - NAMED) + " more" : "")
                    + "; no result was written");
        }
    }

    /** The chunk index in {@code results/<jobId>/part-000042.jsonl}, or -1. */
    static int chunkOf(String partKey) {
        int dash = partKey.lastIndexOf("/part-");
        int dot = partKey.indexOf('.', dash + 1);
        if (dash < 0 || dot < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(partKey.substring(dash + "/part-".length(), dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
