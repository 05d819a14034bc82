package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryLinesTest {
    @Test
    void aPartialResultNamesItsFailedChunks() {
        String summary = """
                {"status":"SUCCEEDED","partial":true,"chunks":{"total":20,"succeeded":19,"failed":1},
                 "failedChunks":[{"index":7,"error":"States.HeartbeatTimeout","cause":"no beat"}]}""";

        assertThat(SummaryLines.of(summary)).containsExactly(
                "partial: 1 of 20 chunks failed within the tolerated percentage and are missing from the result:",
                "  chunk 7: States.HeartbeatTimeout: no beat");
    }

    @Test
    void faultsAreCountedByHowTheyWereAbsorbed() {
        String summary = """
                {"status":"SUCCEEDED","partial":false,"faults":{
                 "throw":{"injected":3,"retried":3,"dropped":0,"tolerated":0,"failed":0},
                 "duplicate":{"injected":2,"retried":0,"dropped":2,"tolerated":0,"failed":0}}}""";

        assertThat(SummaryLines.of(summary))
                .containsExactly("faults: throw 3 injected, 3 retried; duplicate 2 injected, 2 dropped");
    }

    @Test
    void aCompleteResultWithoutChaosAddsNothing() {
        assertThat(SummaryLines.of("{\"status\":\"SUCCEEDED\",\"partial\":false,\"failedChunks\":[]}")).isEmpty();
    }
}
