package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.pipeline.Keys;
import org.junit.jupiter.api.Test;

/** The prefixes the stack expires and grants on are the ones the functions write to. */
class StoragePrefixesTest {

    @Test
    void workPrefixHoldsEverythingAJobKeepsInTheWorkBucket() {
        assertThat(Keys.manifest("j1")).startsWith(Storage.WORK_PREFIX);
        assertThat(Keys.partial("j1", 7)).startsWith(Storage.WORK_PREFIX);
        assertThat(Keys.failure("j1", 7)).startsWith(Storage.WORK_PREFIX);
    }

    @Test
    void inlinePrefixHoldsInlineInputs() {
        assertThat(Keys.inlineInput("j1")).startsWith(Storage.INLINE_PREFIX);
    }

    @Test
    void resultsPrefixHoldsResultsAndSummaries() {
        assertThat(Keys.result("j1", "result.json")).startsWith(Storage.RESULTS_PREFIX);
        assertThat(Keys.summary("j1")).startsWith(Storage.RESULTS_PREFIX);
    }
}
