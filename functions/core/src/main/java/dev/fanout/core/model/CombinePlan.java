package dev.fanout.core.model;

/**
 * The combine level of a job with more chunks than one reducer invocation may merge: the chunks are cut into
 * {@code groups} consecutive groups of {@code groupSize} (the last may be shorter); the state machine runs one combine
 * task per group, which merges the group's partials into one combined partial, and the final reduce merges the
 * combined partials. A job of at most {@code maxPartials} chunks has no combine level ({@link #of} returns null) and
 * takes the direct path.
 *
 * <p>The rule: {@code groups = ceil(chunks / maxPartials)} — the fewest groups in which no combine task merges more
 * partials than a direct reduce may — and {@code groupSize = ceil(chunks / groups)}, so the groups are as even as
 * possible. Fewest groups, because the final reduce merges one combined partial per group and a combined partial can
 * hold as many distinct keys as the whole result: its cost is {@code groups × distinct keys}. Two caps keep the
 * contract's limits: at most {@value #MAX_GROUPS} groups ({@code States.ArrayRange}, which lists them, makes at most
 * 1,000 elements) and at most {@value #MAX_GROUP_SIZE} chunks a group (a combined partial names its group's failed
 * chunks in its S3 user metadata, which is limited to 2 KB).
 *
 * <pre>{@code
 * CombinePlan plan = CombinePlan.of(100_000, 6_000);   // 17 groups of 5,883 chunks
 * plan.first(16);                                      // 94,128
 * plan.end(16, 100_000);                               // 100,000
 * CombinePlan.of(6_000, 6_000);                        // null: one reduce
 * }</pre>
 *
 * @param groups    combine tasks, at least 1
 * @param groupSize chunks per group (the last group may hold fewer)
 */
public record CombinePlan(int groups, int groupSize) {
    /** {@code States.ArrayRange} makes at most 1,000 elements. */
    public static final int MAX_GROUPS = 1_000;
    /** A group's failed chunks fit the combined partial's metadata as a bitmap in base64: 6,144 bits, 1,024 chars. */
    public static final int MAX_GROUP_SIZE = 6_144;

    public CombinePlan {
        if (groups < 1 || groups > MAX_GROUPS || groupSize < 1 || groupSize > MAX_GROUP_SIZE) {
            throw new IllegalArgumentException("a combine plan has 1.." + MAX_GROUPS + " groups of 1.."
                    + MAX_GROUP_SIZE + " chunks, was " + groups + " of " + groupSize);
        }
    }

    /**
     * The combine level of a job of {@code chunks} chunks when one reducer invocation may merge at most
     * {@code maxPartials} partials, or null when the job needs none ({@code chunks <= maxPartials}).
     *
     * @throws IllegalArgumentException if {@code maxPartials < 1}, or the chunks do not fit
     *                                  {@value #MAX_GROUPS} × {@value #MAX_GROUP_SIZE}
     */
    public static CombinePlan of(int chunks, int maxPartials) {
        if (maxPartials < 1) {
            throw new IllegalArgumentException("maxPartials must be positive, was " + maxPartials);
        }
        if (chunks <= maxPartials) {
            return null;
        }
        int perGroup = Math.min(maxPartials, MAX_GROUP_SIZE);
        int groups = Math.min(ceil(chunks, perGroup), MAX_GROUPS);
        int size = ceil(chunks, groups);
        return new CombinePlan(ceil(chunks, size), size);
    }

    /** The first chunk of {@code group}. */
    public int first(int group) {
        requireGroup(group);
        return group * groupSize;
    }

    /** The end (exclusive) of {@code group} in a job of {@code chunks} chunks. */
    public int end(int group, int chunks) {
        requireGroup(group);
        return (int) Math.min((long) (group + 1) * groupSize, chunks);
    }

    /** The group that chunk {@code index} belongs to. */
    public int groupOf(int index) {
        return index / groupSize;
    }

    private void requireGroup(int group) {
        if (group < 0 || group >= groups) {
            throw new IllegalArgumentException("group " + group + " is not within [0, " + groups + ")");
        }
    }

    private static int ceil(int a, int b) {
        return (int) (((long) a + b - 1) / b);
    }
}
