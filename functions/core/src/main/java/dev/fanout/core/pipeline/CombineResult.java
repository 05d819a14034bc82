package dev.fanout.core.pipeline;

import java.util.Objects;

/**
 * What a combine task returns to the state machine: small fields only.
 *
 * @param group          the group combined
 * @param chunks         partials merged into the combined partial
 * @param missingChunks  chunks of the group without a partial (the final reduce tells whether each failed)
 * @param combinedUri    where the combined partial was written
 */
public record CombineResult(int group, int chunks, int missingChunks, String combinedUri) {
    public CombineResult {
        Objects.requireNonNull(combinedUri, "combinedUri");
    }
}
