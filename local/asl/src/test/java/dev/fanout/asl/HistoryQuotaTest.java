package dev.fanout.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AWS's quota of 25,000 events in one execution history (service-quotas; sfn-best-practices bp-history-limit). */
class HistoryQuotaTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    /** A Choice loop of two states per turn: each turn adds 4 events to ExecutionStarted. */
    private static String loop() {
        return """
                {'StartAt':'Count','States':{
                  'Count':{'Type':'Pass','Parameters':{'n.$':'States.MathAdd($.n, 1)','limit.$':'$.limit'},'Next':'More'},
                  'More':{'Type':'Choice','Choices':[{'Variable':'$.n','NumericLessThanVariable':'$.limit',
                     'Next':'Count'}],'Default':'Done'},
                  'Done':{'Type':'Succeed'}}}""".replace("NumericLessThanVariable", "NumericLessThanPath");
    }

    @Test
    void anExecutionThatWouldPassTheQuotaFailsWithEvent25000() throws Exception {
        Execution ex = h.run(loop(), "{'n':0,'limit':10000}");

        List<HistoryEvent> history = ex.history();
        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.error()).contains("States.Runtime");
        assertThat(ex.cause()).contains("The execution history reached the quota of 25000 events");
        assertThat(history).hasSize(25_000);
        assertThat(history.get(24_999).type()).isEqualTo("ExecutionFailed");
    }

    @Test
    void anExecutionWhoseEndIsEvent25000Succeeds() throws Exception {
        // 1 ExecutionStarted + 4 per turn; the last turn's Choice goes to Done: +2 (Succeed) +1 ExecutionSucceeded
        // n turns: 1 + 4n + 2 + 1 = 25000 would need 4n = 24996, n = 6249
        Execution ex = h.run(loop(), "{'n':0,'limit':6249}");

        assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ex.history()).hasSize(25_000);
    }
}
