package dev.fanout.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.core.model.CombinePlan;
import dev.fanout.core.pipeline.Limits;
import dev.fanout.statemachines.StateMachineDefinitions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code pipeline.asl.json} must agree with in the function table and the storage prefixes. */
class StateMachineContractTest {

    private final JsonNode states = parse(StateMachineDefinitions.pipeline()).get("States");
    private final Deployment deployment = Deployment.of(DeploymentSettings.defaults());

    /**
     * A Lambda task meeting an inactive SnapStart version retries until a new snapshot is ready, so its retry of
     * {@code Lambda.SnapStartNotReadyException} waits, in total, at least as long as that snapshot's initialization
     * may take for the function it invokes.
     */
    @Test
    void snapStartRetriesOutlastTheInvokedFunctionsSnapshotInitialization() {
        Map<String, PipelineFunction> tasks = Map.of("SplitInput", PipelineFunction.SPLITTER,
                "ReduceResults", PipelineFunction.REDUCER);
        tasks.forEach((task, function) -> {
            Duration limit = deployment.function(function).snapshotInitializationLimit();
            assertThat(totalWait(retrier(states.get(task), "Lambda.SnapStartNotReadyException")))
                    .as(task).isGreaterThanOrEqualTo(limit);
        });
        Duration reducer = deployment.function(PipelineFunction.REDUCER).snapshotInitializationLimit();
        assertThat(totalWait(retrier(combineTask(), "Lambda.SnapStartNotReadyException"))).as("CombineGroup")
                .isGreaterThanOrEqualTo(reducer);
    }

    /** The combine tasks are the reducer function, invoked with the combine action. */
    @Test
    void theCombineTasksInvokeTheReducer() {
        assertThat(combineTask().at("/Parameters/FunctionName").asText()).isEqualTo("${ReducerFunctionArn}");
        assertThat(combineTask().at("/Parameters/Payload/action").asText()).isEqualTo("combine");
    }

    /**
     * The splitter plans a combine level only for more than {@link Deployment#reducerMaxPartials()} chunks; the
     * definition lists its groups with {@code States.ArrayRange}, which makes at most 1,000 elements: the most chunks
     * a job may have fit in that many groups of at most that many partials.
     */
    @Test
    void theLargestJobsGroupsFitWhatTheDefinitionCanList() {
        int maxChunks = Limits.defaults().maxChunks();
        CombinePlan plan = CombinePlan.of(maxChunks, deployment.reducerMaxPartials());

        assertThat(plan.groups()).isLessThanOrEqualTo(1_000);
        assertThat(plan.groupSize()).isLessThanOrEqualTo(deployment.reducerMaxPartials());
        assertThat(states.at("/ListGroups/Parameters/indices.$").asText()).startsWith("States.ArrayRange(0, ");
    }

    private JsonNode combineTask() {
        return states.at("/CombineGroups/ItemProcessor/States/CombineGroup");
    }

    @Test
    void theMapWritesItsResultsUnderTheWorkDataPrefix() {
        String prefix = states.at("/ProcessChunks/ResultWriter/Parameters/Prefix.$").asText();

        assertThat(prefix).startsWith("States.Format('" + StoragePrefix.WORK_DATA.prefix());
    }

    private static JsonNode retrier(JsonNode state, String error) {
        for (JsonNode r : state.get("Retry")) {
            for (JsonNode name : r.get("ErrorEquals")) {
                if (name.asText().equals(error)) {
                    assertThat(r.path("JitterStrategy").asText("NONE")).isEqualTo("NONE");
                    return r;
                }
            }
        }
        throw new AssertionError("no retrier for " + error + " in " + state);
    }

    /** Without jitter: IntervalSeconds × BackoffRate^n per attempt, each capped at MaxDelaySeconds. */
    private static Duration totalWait(JsonNode retrier) {
        double seconds = 0;
        double cap = retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE);
        for (int n = 0; n < retrier.path("MaxAttempts").asInt(3); n++) {
            seconds += Math.min(cap, retrier.path("IntervalSeconds").asDouble(1)
                    * Math.pow(retrier.path("BackoffRate").asDouble(2.0), n));
        }
        return Duration.ofSeconds((long) seconds);
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
