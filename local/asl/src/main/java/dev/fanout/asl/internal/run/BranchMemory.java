package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Parallel or inline Map state keeps of an attempt that did not succeed: the result of each branch or
 * iteration that succeeded (null otherwise) and where each of the others stopped. On redrive only those others run
 * again (AWS: "reschedules and redrives only those branches that failed or aborted").
 */
record BranchMemory(JsonNode[] results, Trail[] trails) {

    static BranchMemory of(int n) {
        Trail[] trails = new Trail[n];
        for (int i = 0; i < n; i++) {
            trails[i] = new Trail();
        }
        return new BranchMemory(new JsonNode[n], trails);
    }

    /** The prior memory if it belongs to an attempt over {@code n} branches/iterations, else a fresh one. */
    static BranchMemory resumeOrFresh(BranchMemory prior, int n) {
        BranchMemory fresh = of(n);
        if (prior != null && prior.results.length == n) {
            for (int i = 0; i < n; i++) {
                fresh.results[i] = prior.results[i];
            }
        }
        return fresh;
    }

    /** Where branch {@code i} of the prior attempt stopped, or null to run it from its start. */
    static Resume stopOf(BranchMemory prior, int i, int n) {
        return prior == null || prior.results.length != n || prior.results[i] != null ? null : prior.trails[i].stop();
    }
}
