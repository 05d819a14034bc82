package dev.fanout.core.model;

import java.util.Objects;

/**
 * What the Distributed Map hands on to the reducer: its Map Run and where its ResultWriter put the children's results
 * (a {@code manifest.json} naming the {@code SUCCEEDED_n.json} and {@code FAILED_n.json} files). Fixed size, whatever
 * the number of chunks.
 *
 * @param mapRunArn the Map Run's ARN
 * @param results   the ResultWriter's {@code manifest.json}
 */
public record MapRunResult(String mapRunArn, ObjectLocation results) {
    public MapRunResult {
        Objects.requireNonNull(results, "results");
    }
}
