package dev.fanout.statemachines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.core.error.FanoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PipelineDefinitionTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<String> LAMBDA_TASKS = List.of("SplitInput", "CombineGroup", "ReduceResults");

    private final String text = StateMachineDefinitions.pipeline();
    private final JsonNode root = parse(text);

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("pipeline.asl.json is not valid JSON: " + e.getMessage(), e);
        }
    }

    @Test
    void classpathCopyIsTheFileInTheModuleDirectory() throws IOException {
        assertThat(text).isEqualTo(Files.readString(Path.of(StateMachineDefinitions.PIPELINE_FILE)));
    }

    @Nested
    class Structure {
        @Test
        void everyTransitionTargetExists_atEveryLevel() {
            List<String> problems = new ArrayList<>();
            checkTransitions("top level", root, problems);
            assertThat(problems).isEmpty();
        }

        @Test
        void everyStateIsReachableFromStartAt() {
            Map<String, JsonNode> states = fields(root.get("States"));
            Set<String> reached = new TreeSet<>();
            List<String> todo = new ArrayList<>(List.of(root.get("StartAt").asText()));
            while (!todo.isEmpty()) {
                String name = todo.remove(todo.size() - 1);
                if (reached.add(name)) {
                    todo.addAll(targets(states.get(name)));
                }
            }
            assertThat(reached).containsExactlyInAnyOrderElementsOf(states.keySet());
        }

        @Test
        void runsTheDocumentedStatesInOrder() {
            JsonNode s = root.get("States");
            assertThat(root.get("StartAt").asText()).isEqualTo("SplitInput");
            assertThat(s.get("SplitInput").get("Next").asText()).isEqualTo("ProcessChunks");
            assertThat(s.get("ProcessChunks").get("Next").asText()).isEqualTo("ChooseReducePath");
            assertThat(s.get("ChooseReducePath").get("Default").asText()).isEqualTo("ReduceResults");
            assertThat(s.get("ReduceResults").get("Next").asText()).isEqualTo("Done");
            assertThat(s.get("Done").get("Type").asText()).isEqualTo("Succeed");
            assertThat(fields(s).keySet()).containsExactly("SplitInput", "ProcessChunks", "ChooseReducePath",
                    "ListGroups", "CombineGroups", "ReduceResults", "Done");
        }

        /**
         * A redrive "continues the failed execution from the unsuccessful step"
         * (https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html): a caught failure would make
         * the failure path's last state the one redriven, and a failed Map Run would never run its chunks again.
         */
        @Test
        void noStateCatchesAFailure_soARedriveResumesWhereTheJobFailed() {
            forEachState(root, (name, state) -> assertThat(state.has("Catch")).as(name).isFalse());
        }

        /** Only a plan with a combine level takes the combine states; every other job goes straight to the reduce. */
        @Test
        void aJobWithACombineLevelCombinesItsGroupsBeforeTheReduce_anyOtherGoesStraightToIt() {
            JsonNode choice = state("ChooseReducePath");
            assertThat(choice.get("Type").asText()).isEqualTo("Choice");
            assertThat(choice.get("Choices")).hasSize(1);
            JsonNode rule = choice.get("Choices").get(0);
            assertThat(rule.get("Variable").asText()).isEqualTo("$.plan.combine");
            assertThat(rule.get("IsPresent").asBoolean()).isTrue();
            assertThat(rule.get("Next").asText()).isEqualTo("ListGroups");
            assertThat(state("ListGroups").get("Next").asText()).isEqualTo("CombineGroups");
            assertThat(state("CombineGroups").get("Next").asText()).isEqualTo("ReduceResults");
        }

        @Test
        void combineTasksRunInlineOverTheGroupIndices_oneReducerInvocationAGroup() {
            assertThat(state("ListGroups").get("Parameters").get("indices.$").asText())
                    .isEqualTo("States.ArrayRange(0, States.MathAdd($.plan.combine.groups, -1), 1)");
            JsonNode map = state("CombineGroups");
            assertThat(map.get("ItemsPath").asText()).isEqualTo("$.groups.indices");
            assertThat(map.get("ItemProcessor").get("ProcessorConfig").get("Mode").asText()).isEqualTo("INLINE");
            // the documented cap of an inline Map's concurrent iterations
            assertThat(map.get("MaxConcurrency").asInt()).isEqualTo(40);
            assertThat(map.get("ItemSelector").get("group.$").asText()).isEqualTo("$$.Map.Item.Value");
            assertThat(map.get("ItemSelector").get("plan.$").asText()).isEqualTo("$.plan");
            JsonNode task = lambdaTask("CombineGroup");
            assertThat(task.get("Parameters").get("FunctionName").asText()).isEqualTo("${ReducerFunctionArn}");
            JsonNode payload = task.get("Parameters").get("Payload");
            assertThat(payload.get("action").asText()).isEqualTo("combine");
            assertThat(payload.get("group.$").asText()).isEqualTo("$.group");
            assertThat(payload.get("plan.$").asText()).isEqualTo("$.plan");
            // no failure list passes through a combine task's input: the final reduce reads the Map's results
            assertThat(fields(payload).keySet()).containsExactlyInAnyOrder("action", "group.$", "plan.$");
            assertThat(fields(map.get("ItemSelector")).keySet()).containsExactlyInAnyOrder("group.$", "plan.$");
            // no payload grows with the number of groups
            assertThat(map.get("ResultPath").isNull()).isTrue();
            assertThat(task.get("ResultPath").isNull()).isTrue();
            assertThat(task.get("OutputPath").asText()).isEqualTo("$.group");
        }

        @Test
        void mapRunsDistributedWithStandardChildrenReadingTheManifestFromS3() {
            JsonNode map = state("ProcessChunks");
            assertThat(map.get("Type").asText()).isEqualTo("Map");
            JsonNode config = map.get("ItemProcessor").get("ProcessorConfig");
            assertThat(config.get("Mode").asText()).isEqualTo("DISTRIBUTED");
            // Express children cannot wait for a task token
            assertThat(config.get("ExecutionType").asText()).isEqualTo("STANDARD");
            JsonNode reader = map.get("ItemReader");
            assertThat(reader.get("Resource").asText()).isEqualTo("arn:aws:states:::s3:getObject");
            assertThat(reader.get("ReaderConfig").get("InputType").asText()).isEqualTo("JSON");
            assertThat(reader.get("Parameters").get("Bucket.$").asText()).isEqualTo("$.plan.manifest.bucket");
            assertThat(reader.get("Parameters").get("Key.$").asText()).isEqualTo("$.plan.manifest.key");
            assertThat(map.get("MaxConcurrencyPath").asText()).isEqualTo("$.plan.maxConcurrency");
            assertThat(map.get("ToleratedFailurePercentagePath").asText())
                    .isEqualTo("$.plan.toleratedFailurePercentage");
        }

        @Test
        void childWaitsForTheWorkersTaskTokenWithAHeartbeatAndRetriesTimeouts() {
            JsonNode child = childState();
            assertThat(child.get("Resource").asText())
                    .isEqualTo("arn:aws:states:::sqs:sendMessage.waitForTaskToken");
            JsonNode body = child.get("Parameters").get("MessageBody");
            assertThat(body.get("taskToken.$").asText()).isEqualTo("$$.Task.Token");
            assertThat(body.get("chunk.$").asText()).isEqualTo("$.chunk");
            assertThat(child.get("HeartbeatSecondsPath").asText()).isEqualTo("$.heartbeatSeconds");
            assertThat(state("ProcessChunks").get("ItemSelector").get("heartbeatSeconds.$").asText())
                    .isEqualTo("$.plan.heartbeatSeconds");
            JsonNode retry = child.get("Retry").get(0);
            assertThat(names(retry.get("ErrorEquals")))
                    .containsExactlyInAnyOrder("States.HeartbeatTimeout", "States.Timeout");
            assertThat(retry.get("MaxAttempts").asInt()).as("three tries, as SQS gives a message").isEqualTo(2);
            assertThat(retry.get("IntervalSeconds").asInt()).as("the heartbeat has waited already").isLessThanOrEqualTo(2);
            assertThat(retry.get("JitterStrategy").asText()).isEqualTo("FULL");
        }

        @Test
        void lambdaTasksRetryServiceErrorsAndThrottlingWithBackoffAndFullJitter() {
            for (String task : LAMBDA_TASKS) {
                JsonNode retry = retrierFor(lambdaTask(task), "Lambda.TooManyRequestsException");
                assertThat(names(retry.get("ErrorEquals"))).as(task)
                        .containsAll(PipelineErrors.LAMBDA_SERVICE_ERRORS)
                        .contains("Lambda.ClientExecutionTimeoutException")
                        .contains("dev.fanout.core.error.StorageUnavailableException");
                assertThat(retry.get("BackoffRate").asDouble()).as(task).isGreaterThan(1.0);
                assertThat(retry.get("JitterStrategy").asText()).as(task).isEqualTo("FULL");
                assertThat(retry.get("MaxAttempts").asInt()).as(task).isGreaterThanOrEqualTo(6);
            }
        }

        /**
         * An inactive SnapStart version initializes a new snapshot for up to 900 s (the functions' longest timeout);
         * without jitter the waits add up to a known total, which must cover that.
         */
        @Test
        void lambdaTasksRetryAnInactiveSnapStartVersionForLongerThanItsNewSnapshotTakes() {
            for (String task : LAMBDA_TASKS) {
                JsonNode retry = retrierFor(lambdaTask(task), PipelineErrors.SNAPSTART_NOT_READY);
                assertThat(names(retry.get("ErrorEquals"))).as(task).containsExactly(PipelineErrors.SNAPSTART_NOT_READY);
                assertThat(retry.get("JitterStrategy").asText()).as(task).isEqualTo("NONE");
                // by hand: 10 + 20 + 40 + 80 + 160 + 240 + 240 + 240
                assertThat(totalWaitSeconds(retry)).as(task).isEqualTo(1030).isGreaterThan(900);
                assertThat(retry.get("IntervalSeconds").asInt()).as(task).isLessThanOrEqualTo(10);
            }
        }
    }

    @Nested
    class Placeholders_ {
        @Test
        void everyPlaceholderInTheFileIsDeclared_andEveryDeclaredOneIsUsed() {
            Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(text);
            Set<String> used = new TreeSet<>();
            while (m.find()) {
                used.add(m.group(1));
            }
            Set<String> declared = Stream.of(Placeholders.values()).map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(used).isEqualTo(declared);
        }

        @Test
        void placeholdersSitWhereTheResourcesAreNamed() {
            assertThat(state("SplitInput").get("Parameters").get("FunctionName").asText())
                    .isEqualTo("${SplitterFunctionArn}");
            assertThat(state("ReduceResults").get("Parameters").get("FunctionName").asText())
                    .isEqualTo("${ReducerFunctionArn}");
            assertThat(childState().get("Parameters").get("QueueUrl").asText()).isEqualTo("${WorkQueueUrl}");
        }
    }

    @Nested
    class ErrorNames {
        @Test
        void everyErrorEqualsNameIsAStatesError_aLambdaServiceError_orAFanoutExceptionClass() {
            Set<String> all = errorNames();
            List<String> bad = new ArrayList<>();
            for (String name : all) {
                if (!(name.startsWith("States.") || name.startsWith("Lambda.") || isFanoutException(name))) {
                    bad.add(name);
                }
            }
            assertThat(bad).isEmpty();
            assertThat(all).anyMatch(n -> n.startsWith("dev.fanout.core.error."));
        }

        @Test
        void statesErrorsAreOnesStepFunctionsDefines() {
            Set<String> defined = Set.of("States.ALL", "States.DataLimitExceeded", "States.Runtime",
                    "States.HeartbeatTimeout", "States.Timeout", "States.TaskFailed", "States.Permissions",
                    "States.ResultPathMatchFailure", "States.ParameterPathFailure", "States.BranchFailed",
                    "States.NoChoiceMatched", "States.IntrinsicFailure", "States.ExceedToleratedFailureThreshold",
                    "States.ItemReaderFailed", "States.ResultWriterFailed", "States.QueryEvaluationError");
            assertThat(errorNames().stream().filter(n -> n.startsWith("States."))).allMatch(defined::contains);
        }

        /**
         * The lambda:invoke integration reports Lambda's API errors as {@code Lambda.<Exception>}
         * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html; the exceptions of
         * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html) and a function's unhandled error without an
         * error type as {@code Lambda.Unknown}.
         */
        @Test
        void lambdaErrorsAreOnesTheLambdaIntegrationReports() {
            Set<String> defined = Set.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
                    "Lambda.SdkClientException", "Lambda.ClientExecutionTimeoutException",
                    "Lambda.TooManyRequestsException", "Lambda.Unknown", "Lambda.SnapStartNotReadyException",
                    "Lambda.SnapStartTimeoutException", "Lambda.SnapStartException",
                    "Lambda.ResourceNotReadyException", "Lambda.ResourceConflictException");
            assertThat(errorNames().stream().filter(n -> n.startsWith("Lambda."))).allMatch(defined::contains);
        }

        @Test
        void theDeclaredListMatchesTheFile() {
            assertThat(errorNames()).containsExactlyInAnyOrderElementsOf(PipelineErrors.all());
            assertThat(PipelineErrors.EXCEPTION_CLASSES).allMatch(PipelineDefinitionTest::isFanoutException);
        }
    }

    @Nested
    class PayloadSize {
        @Test
        void mapKeepsOnlyWhereItsResultsAre_soThePayloadDoesNotGrowWithTheNumberOfChunks() {
            JsonNode map = state("ProcessChunks");
            assertThat(map.get("ResultPath").asText()).isEqualTo("$.mapResult");
            JsonNode selector = map.get("ResultSelector");
            assertThat(selector.get("mapRunArn.$").asText()).isEqualTo("$.MapRunArn");
            assertThat(selector.get("results").get("bucket.$").asText()).isEqualTo("$.ResultWriterDetails.Bucket");
            assertThat(selector.get("results").get("key.$").asText()).isEqualTo("$.ResultWriterDetails.Key");
            assertThat(fields(selector).keySet()).containsExactlyInAnyOrder("mapRunArn.$", "results");
            assertThat(state("ReduceResults").get("Parameters").get("Payload").get("mapResult.$").asText())
                    .isEqualTo("$.mapResult");
            // items come from S3, never from the state
            assertThat(map.has("ItemsPath")).isFalse();
            assertThat(map.has("Items")).isFalse();
        }

        @Test
        void childResultsGoToS3UnderTheJobsWorkPrefix_notIntoTheMapsOutput() {
            // without a ResultWriter the Map's result is an array with one entry per chunk
            JsonNode writer = state("ProcessChunks").get("ResultWriter");
            assertThat(writer.get("Resource").asText()).isEqualTo("arn:aws:states:::s3:putObject");
            assertThat(writer.get("Parameters").get("Bucket.$").asText()).isEqualTo("$.plan.manifest.bucket");
            assertThat(writer.get("Parameters").get("Prefix.$").asText())
                    .isEqualTo("States.Format('jobs/{}/map-results', $.jobId)");
        }

        @Test
        void childOutputIsOnlyTheChunkIndex() {
            JsonNode child = childState();
            assertThat(child.get("ResultPath").isNull()).isTrue();
            assertThat(child.get("OutputPath").asText()).isEqualTo("$.chunk.index");
        }

        @Test
        void splitKeepsOnlyThePlan_andReduceOnlyItsResult() {
            JsonNode split = state("SplitInput");
            assertThat(fields(split.get("ResultSelector")).keySet()).containsExactlyInAnyOrder("jobId.$", "plan.$");
            assertThat(split.get("ResultPath").asText()).isEqualTo("$");
            JsonNode reduce = state("ReduceResults");
            assertThat(reduce.get("ResultPath").asText()).isEqualTo("$");
            assertThat(reduce.get("OutputPath").asText()).isEqualTo("$.Payload");
        }

        /** A Succeed state takes no OutputPath in CloudFormation's schema (cfn-lint E3601): Reduce selects the output. */
        @Test
        void theSucceedStatePassesItsInputOn() {
            assertThat(fields(state("Done")).keySet()).containsExactly("Type");
        }
    }

    // --- helpers over the parsed definition ---

    private JsonNode state(String name) {
        JsonNode s = root.get("States").get(name);
        assertThat(s).as("state " + name).isNotNull();
        return s;
    }

    /** A Lambda task at the top level, or the combine Map's task. */
    private JsonNode lambdaTask(String name) {
        JsonNode top = root.get("States").get(name);
        if (top != null) {
            return top;
        }
        JsonNode inner = state("CombineGroups").get("ItemProcessor").get("States").get(name);
        assertThat(inner).as("task " + name).isNotNull();
        return inner;
    }

    private JsonNode childState() {
        JsonNode processor = state("ProcessChunks").get("ItemProcessor");
        return processor.get("States").get(processor.get("StartAt").asText());
    }

    private static JsonNode retrierFor(JsonNode state, String error) {
        for (JsonNode retrier : state.get("Retry")) {
            if (names(retrier.get("ErrorEquals")).contains(error)) {
                return retrier;
            }
        }
        throw new AssertionError("no retrier for " + error + " in " + state);
    }

    /** The sum of a retrier's waits without jitter: IntervalSeconds × BackoffRate^n, each capped at MaxDelaySeconds. */
    private static long totalWaitSeconds(JsonNode retrier) {
        double interval = retrier.get("IntervalSeconds").asDouble();
        double cap = retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE);
        long total = 0;
        for (int attempt = 0; attempt < retrier.get("MaxAttempts").asInt(); attempt++) {
            total += (long) Math.min(cap, interval * Math.pow(retrier.get("BackoffRate").asDouble(), attempt));
        }
        return total;
    }

    private Set<String> errorNames() {
        Set<String> all = new TreeSet<>();
        forEachState(root, (name, state) -> {
            for (String field : List.of("Retry", "Catch")) {
                JsonNode rules = state.get(field);
                if (rules != null) {
                    rules.forEach(rule -> all.addAll(names(rule.get("ErrorEquals"))));
                }
            }
        });
        return all;
    }

    private static boolean isFanoutException(String name) {
        if (!name.startsWith("dev.fanout.core.error.")) {
            return false;
        }
        try {
            return FanoutException.class.isAssignableFrom(Class.forName(name));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Next, Default, Catch and Choice targets of one state. */
    private static List<String> targets(JsonNode state) {
        List<String> out = new ArrayList<>();
        if (state.has("Next")) {
            out.add(state.get("Next").asText());
        }
        if (state.has("Default")) {
            out.add(state.get("Default").asText());
        }
        for (String field : List.of("Catch", "Choices")) {
            if (state.has(field)) {
                state.get(field).forEach(c -> {
                    if (c.has("Next")) {
                        out.add(c.get("Next").asText());
                    }
                });
            }
        }
        return out;
    }

    private static void checkTransitions(String where, JsonNode machine, List<String> problems) {
        Map<String, JsonNode> states = fields(machine.get("States"));
        String start = machine.get("StartAt").asText();
        if (!states.containsKey(start)) {
            problems.add(where + ": StartAt " + start + " does not exist");
        }
        states.forEach((name, state) -> {
            for (String target : targets(state)) {
                if (!states.containsKey(target)) {
                    problems.add(where + "/" + name + ": target " + target + " does not exist");
                }
            }
            String type = state.get("Type").asText();
            boolean terminal = Set.of("Succeed", "Fail").contains(type) || state.path("End").asBoolean(false);
            if (!terminal && !type.equals("Choice") && !state.has("Next")) {
                problems.add(where + "/" + name + ": neither Next nor End");
            }
            for (JsonNode sub : subMachines(state)) {
                checkTransitions(where + "/" + name, sub, problems);
            }
        });
    }

    private static List<JsonNode> subMachines(JsonNode state) {
        List<JsonNode> out = new ArrayList<>();
        for (String field : List.of("ItemProcessor", "Iterator")) {
            if (state.has(field)) {
                out.add(state.get(field));
            }
        }
        if (state.has("Branches")) {
            state.get("Branches").forEach(out::add);
        }
        return out;
    }

    private static void forEachState(JsonNode machine, java.util.function.BiConsumer<String, JsonNode> action) {
        fields(machine.get("States")).forEach((name, state) -> {
            action.accept(name, state);
            subMachines(state).forEach(sub -> forEachState(sub, action));
        });
    }
}
