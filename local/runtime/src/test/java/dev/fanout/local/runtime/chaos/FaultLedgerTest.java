package dev.fanout.local.runtime.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultLedgerTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final FaultLedger ledger = new FaultLedger(now::get);

    @Test
    void onlyTheFirstAttemptOfAChunkIsFirst() {
        assertThat(ledger.firstAttempt(FaultKind.THROW, "job", 3)).isTrue();
        assertThat(ledger.firstAttempt(FaultKind.THROW, "job", 3)).isFalse();
        assertThat(ledger.firstAttempt(FaultKind.HANG, "job", 3)).isTrue();
        assertThat(ledger.firstAttempt(FaultKind.THROW, "other", 3)).isTrue();
    }

    @Test
    void aChunkFaultIsRetriedWithAPartial_toleratedWithoutOneInASucceededJob_elseFailed() {
        ledger.chunkFault(FaultKind.THROW, "job", 1);
        ledger.chunkFault(FaultKind.THROW, "job", 2);
        ledger.chunkFault(FaultKind.THROW, "other", 1);
        Set<Integer> partials = Set.of(1);

        assertThat(ledger.report("job", EnumSet.of(FaultKind.THROW), partials::contains, true))
                .containsExactly(Map.entry(FaultKind.THROW, new FaultLedger.Counts(2, 1, 0, 1, 0)));
        assertThat(ledger.report("job", EnumSet.of(FaultKind.THROW), partials::contains, false))
                .containsExactly(Map.entry(FaultKind.THROW, new FaultLedger.Counts(2, 1, 0, 0, 1)));
    }

    @Test
    void aDuplicateIsDroppedUnlessItsDeliveryWasReportedFailed() {
        ledger.chunkFault(FaultKind.DUPLICATE, "job", 1);
        ledger.chunkFault(FaultKind.DUPLICATE, "job", 2);
        ledger.duplicateDone("job", 1, false);
        ledger.duplicateDone("job", 2, true);

        assertThat(ledger.report("job", EnumSet.of(FaultKind.DUPLICATE), i -> true, true).get(FaultKind.DUPLICATE))
                .isEqualTo(new FaultLedger.Counts(2, 1, 1, 0, 0));
    }

    @Test
    void aRequestFaultIsRetriedOnceTheSameRequestPassed_andCountsForTheJobsThatRanMeanwhile() {
        ledger.requestFault(FaultKind.S3_ERRORS, "GET /before");
        now.set(2_000);
        ledger.jobStarted("job");
        ledger.requestFault(FaultKind.S3_ERRORS, "GET /a");
        ledger.requestFault(FaultKind.S3_ERRORS, "PUT /b");
        ledger.requestPassed(FaultKind.S3_ERRORS, "GET /a");
        ledger.requestPassed(FaultKind.S3_ERRORS, "GET /never-faulted");

        assertThat(ledger.report("job", EnumSet.of(FaultKind.S3_ERRORS), i -> true, true).get(FaultKind.S3_ERRORS))
                .isEqualTo(new FaultLedger.Counts(2, 1, 0, 0, 1));
    }

    @Test
    void reportsEveryKindAskedFor_evenWithNothingInjected() {
        assertThat(ledger.report("job", EnumSet.of(FaultKind.HANG, FaultKind.CALLBACK_THROTTLE), i -> true, true))
                .containsOnlyKeys(FaultKind.HANG, FaultKind.CALLBACK_THROTTLE)
                .allSatisfy((kind, counts) -> assertThat(counts.injected()).isZero());
    }
}
