package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.LambdaResponse;
import dev.fanout.asl.port.ObjectStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A redriven parent redrives its Distributed Map's Map Run (AWS: "Redriving Map Runs"). */
class DistributedMapRedriveTest {
    private final Set<Integer> failing = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> calls = new ConcurrentHashMap<>();
    private final MemoryObjectStore s3 = new MemoryObjectStore();
    private volatile boolean s3Down;
    private final ObjectStore flakyS3 = new ObjectStore() {
        @Override
        public Optional<byte[]> get(String bucket, String key) {
            return s3.get(bucket, key);
        }

        @Override
        public void put(String bucket, String key, byte[] body) {
            if (s3Down) {
                throw new IllegalStateException("503 Slow Down");
            }
            s3.put(bucket, key, body);
        }
    };
    private final FakeSqs sqs = new FakeSqs();
    private final FakeLambda lambda = new FakeLambda().function("Chunk", p -> {
        int item = Integer.parseInt(p);
        calls.merge(item, 1, Integer::sum);
        return failing.contains(item) ? FakeLambda.javaError(IllegalStateException.class, "chunk " + item + " failed")
                : LambdaResponse.ok("{\"doubled\":" + (2 * item) + "}");
    });
    private final Harness h = new Harness(Integrations.none().withLambda(lambda).withS3(flakyS3).withSqs(sqs));

    @AfterEach
    void close() {
        h.close();
    }

    /** Each item is one child execution: Chunk doubles it, or fails while the item is in {@code failing}. */
    private static String map(String extra) {
        return "{'StartAt':'Chunks','States':{'Chunks':{'Type':'Map','End':true" + extra + ","
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'Prepare','States':{'Prepare':{'Type':'Pass','Next':'Work'},"
                + "'Work':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Parameters':{'FunctionName':'Chunk','Payload.$':'$'},'OutputPath':'$.Payload','End':true}}}}}}";
    }

    private static final String WRITER = ",'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject',"
            + "'Parameters':{'Bucket':'out','Prefix':'results'}}";

    @Test
    void rerunsOnlyTheChildrenThatDidNotSucceed_keepingTheirArns() throws Exception {
        failing.add(2);
        Execution ex = h.run(map(",'MaxConcurrency':1"), "[1,2,3,4]");
        assertThat(ex.error()).contains("States.ExceedToleratedFailureThreshold");
        MapRun run = ex.mapRuns().get(0);
        assertThat(run.executionCounts()).isEqualTo(new ItemCounts(2, 0, 1, 1, 0, 0, 4, 0, 0, 0));
        Execution failedChild = run.executions().get(1);
        String failedArn = failedChild.arn();
        assertThat(failedChild.redriveStatus()).isEqualTo(RedriveStatus.REDRIVABLE_BY_MAP_RUN);
        failing.clear();
        h.clock.advance(Duration.ofMinutes(5));

        ex.redrive();

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(output(ex)).isEqualTo(json("[{'doubled':2},{'doubled':4},{'doubled':6},{'doubled':8}]"));
        assertThat(calls).as("item 1 succeeded before; 2 ran again; 3 and 4 ran for the first time")
                .isEqualTo(Map.of(1, 1, 2, 2, 3, 1, 4, 1));
        assertThat(ex.mapRuns()).singleElement().isSameAs(run);
        assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(run.redriveCount()).isEqualTo(1);
        assertThat(run.redriveDate()).contains(h.clock.now());
        assertThat(run.executionCounts()).isEqualTo(new ItemCounts(0, 0, 4, 0, 0, 0, 4, 0, 0, 0));
        List<Execution> children = run.executions();
        assertThat(children.get(1).arn()).isEqualTo(failedArn);
        assertThat(run.indexOf(failedArn)).hasValue(1);
        assertThat(run.execution(failedArn)).containsSame(children.get(1));
        assertThat(run.indexOf(ex.arn())).isEmpty();
        assertThat(children).extracting(Execution::redriveCount).containsExactly(0, 1, 0, 0);
        assertThat(Harness.types(children.get(1))).containsSubsequence("ExecutionStarted", "ExecutionFailed",
                "ExecutionRedriven", "TaskStateEntered", "ExecutionSucceeded");
        assertThat(Harness.types(children.get(1))).as("the child resumes at its failed Work state")
                .filteredOn("PassStateEntered"::equals).hasSize(1);
    }

    @Test
    void anExpressChildIsRerunFromItsFirstState_underTheSameArn() throws Exception {
        failing.add(1);
        Execution ex = h.run(map("").replace("'ExecutionType':'STANDARD'", "'ExecutionType':'EXPRESS'"), "[1]");
        Execution child = ex.mapRuns().get(0).executions().get(0);
        failing.clear();

        ex.redrive();

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(ex.mapRuns().get(0).executions()).singleElement().isSameAs(child);
        assertThat(Harness.types(child)).filteredOn("PassStateEntered"::equals).hasSize(2);
    }

    @Test
    void recordsTheMapRunsRedriveInTheParentsHistory() throws Exception {
        failing.add(1);
        Execution ex = h.run(map(""), "[1]");
        failing.clear();

        ex.redrive();
        Harness.finish(ex);

        List<HistoryEvent> events = ex.history();
        assertThat(events).extracting(HistoryEvent::type).containsSubsequence("MapRunStarted", "MapRunFailed",
                "ExecutionFailed", "ExecutionRedriven", "MapStateEntered", "MapStateStarted", "MapRunRedriven",
                "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
        HistoryEvent redriven = events.stream().filter(e -> e.type().equals("MapRunRedriven")).findFirst()
                .orElseThrow();
        assertThat(redriven.detailsKey()).isEqualTo("mapRunRedrivenEventDetails");
        assertThat(redriven.details().get("mapRunArn").asText()).isEqualTo(ex.mapRuns().get(0).arn());
        assertThat(redriven.details().get("redriveCount").asInt()).isEqualTo(1);
    }

    @Test
    void checksTheToleratedFailuresOverTheWholeRun() throws Exception {
        // 2 of 5 fail: 40 % > 20 %. After the redrive 1 of 5 still fails: 20 %, within (1 of the 2 rerun is 50 %)
        failing.addAll(List.of(2, 4));
        Execution ex = h.run(map(",'ToleratedFailurePercentage':20"), "[1,2,3,4,5]");
        assertThat(ex.error()).contains("States.ExceedToleratedFailureThreshold");
        failing.remove(2);

        ex.redrive();

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = output(ex);
        assertThat(out.get(1)).isEqualTo(json("{'doubled':4}"));
        assertThat(out.get(3).get("Status").asText()).isEqualTo("FAILED");
        assertThat(out.get(3).get("RedriveCount").asInt()).isEqualTo(1);
        assertThat(ex.mapRuns().get(0).executionCounts().failed()).isEqualTo(1);
    }

    @Test
    void theResultWriterHoldsEveryChildsResultAfterTheRedrive() throws Exception {
        failing.add(3);
        Execution ex = h.run(map(",'MaxConcurrency':3" + WRITER), "[1,2,3]");
        MapRun run = ex.mapRuns().get(0);
        String base = "results/" + run.arn().substring(run.arn().lastIndexOf(':') + 1) + "/";
        assertThat(json(s3.text("out", base + "FAILED_0.json"))).hasSize(1);
        failing.clear();

        ex.redrive();

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode succeeded = json(s3.text("out", base + "SUCCEEDED_0.json"));
        List<String> outputs = StreamSupport.stream(succeeded.spliterator(), false)
                .map(r -> r.get("Output").asText()).toList();
        assertThat(outputs).containsExactly("{\"doubled\":2}", "{\"doubled\":4}", "{\"doubled\":6}");
        assertThat(json(s3.text("out", base + "manifest.json")).get("ResultFiles").get("FAILED")).isEmpty();
        assertThat(run.executionCounts().resultsWritten()).isEqualTo(3);
        assertThat(output(ex).get("MapRunArn").asText()).isEqualTo(run.arn());
    }

    @Test
    void aResultWriterThatFailedFailsTheMapRun_andARedriveOnlyWritesTheResults() throws Exception {
        s3Down = true;
        Execution ex = h.run(map(WRITER), "[1,2]");
        assertThat(ex.error()).contains("States.ResultWriterFailed");
        MapRun run = ex.mapRuns().get(0);
        assertThat(run.status()).isEqualTo(MapRunStatus.FAILED);
        assertThat(Harness.types(ex)).contains("MapRunFailed");
        s3Down = false;

        ex.redrive();

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(calls).as("the children had succeeded: none ran again").isEqualTo(Map.of(1, 1, 2, 1));
        String base = "results/" + run.arn().substring(run.arn().lastIndexOf(':') + 1) + "/";
        assertThat(json(s3.text("out", base + "SUCCEEDED_0.json"))).hasSize(2);
        assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
    }

    @Test
    void startsTheMapRunForTheFirstTimeWhenTheItemReaderHadFailed() throws Exception {
        String reader = ",'ItemReader':{'Resource':'arn:aws:states:::s3:getObject',"
                + "'Parameters':{'Bucket':'in','Key':'items.json'}}";
        Execution ex = h.run(map(reader), "{}");
        assertThat(ex.error()).contains("States.ItemReaderFailed");
        assertThat(ex.mapRuns()).isEmpty();
        s3.with("in", "items.json", "[5,6]");

        ex.redrive();

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(output(ex)).isEqualTo(json("[{'doubled':10},{'doubled':12}]"));
        assertThat(ex.mapRuns()).singleElement().extracting(MapRun::redriveCount).isEqualTo(0);
    }

    @Test
    void startsANewMapRunWhenTheMapFailedWithStatesRuntime() throws Exception {
        // the children succeed, then ResultSelector reads a path that is not there: a JSON interpolation error
        Execution ex = h.run(map(",'ResultSelector':{'x.$':'$.missing'}"), "[1]");
        assertThat(ex.error()).contains("States.Runtime");

        ex.redrive();

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.mapRuns()).hasSize(2);
        assertThat(ex.mapRuns().get(1).redriveCount()).isZero();
        assertThat(calls.get(1)).isEqualTo(2);
    }

    @Test
    void childrenWaitingForTheirTurnArePendingRedrive() throws Exception {
        String def = "{'StartAt':'Chunks','States':{'Chunks':{'Type':'Map','End':true,'MaxConcurrency':1,"
                + "'ToleratedFailureCount':2,'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED',"
                + "'ExecutionType':'STANDARD'},'StartAt':'Send','States':{'Send':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
                + "'Parameters':{'QueueUrl':'q','MessageBody':{'t.$':'$$.Task.Token','i.$':'$'}},'End':true}}}}}}";
        Execution ex = h.start(def, "[1,2,3]");
        for (int i = 0; i < 3; i++) {
            h.engine.sendTaskFailure(sqs.take().get("MessageBody").get("t").asText(), "Chunk.Failed", "no");
        }
        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
        MapRun run = ex.mapRuns().get(0);

        ex.redrive();
        String first = sqs.take().get("MessageBody").get("t").asText();

        assertThat(run.executionCounts()).isEqualTo(new ItemCounts(0, 1, 0, 0, 0, 0, 3, 0, 0, 2));
        assertThat(run.executions()).extracting(Execution::status).containsExactly(ExecutionStatus.RUNNING,
                ExecutionStatus.PENDING_REDRIVE, ExecutionStatus.PENDING_REDRIVE);
        h.engine.sendTaskSuccess(first, "{}");
        h.engine.sendTaskSuccess(sqs.take().get("MessageBody").get("t").asText(), "{}");
        h.engine.sendTaskSuccess(sqs.take().get("MessageBody").get("t").asText(), "{}");
        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.executionCounts().pendingRedrive()).isZero();
    }

    @Test
    void stoppingAChildAbortsOnlyThatChild() throws Exception {
        String def = "{'StartAt':'Chunks','States':{'Chunks':{'Type':'Map','End':true,'MaxConcurrency':1,"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'Send','States':{'Send':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
                + "'Parameters':{'QueueUrl':'q','MessageBody':{'t.$':'$$.Task.Token','i.$':'$'}},'End':true}}}}}}";
        Execution ex = h.start(def, "[1,2]");
        String firstToken = sqs.take().get("MessageBody").get("t").asText();
        Execution first = ex.mapRuns().get(0).executions().get(0);

        first.stop("Operator", "skip this chunk");
        h.engine.sendTaskSuccess(sqs.take().get("MessageBody").get("t").asText(), "{}");

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(first.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(ex.mapRuns().get(0).executionCounts().aborted()).isEqualTo(1);
        assertThat(ex.mapRuns().get(0).executionCounts().succeeded()).isEqualTo(1);
        assertThatThrownBy(() -> h.engine.sendTaskSuccess(firstToken, "{}")).isInstanceOf(TaskTokenException.class);
    }

    @Test
    void aMapRunIsRedrivenAtMostAThousandTimes() throws Exception {
        Execution ex = h.run("{'StartAt':'Chunks','States':{'Chunks':{'Type':'Map','End':true,'ItemProcessor':{"
                + "'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'F','States':{'F':{'Type':'Fail','Error':'Chunk.Bad'}}}}}}", "[1]");
        for (int i = 0; i < 1000; i++) {
            ex.redrive();
            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
        }
        assertThat(ex.mapRuns().get(0).redriveCount()).isEqualTo(1000);
        assertThat(ex.error()).contains("States.ExceedToleratedFailureThreshold");

        ex.redrive();

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.error()).contains("States.Runtime");
        assertThat(ex.cause().orElseThrow()).contains("1000");
        assertThat(ex.mapRuns()).singleElement().extracting(MapRun::redriveCount).isEqualTo(1000);
    }

    @Test
    void aChildIsRedrivenThroughItsParentOnly() throws Exception {
        failing.add(1);
        Execution ex = h.run(map(""), "[1]");
        Execution child = ex.mapRuns().get(0).executions().get(0);

        assertThat(child.mapRunArn()).contains(ex.mapRuns().get(0).arn());
        assertThatThrownBy(child::redrive).isInstanceOf(ExecutionNotRedrivableException.class)
                .hasMessageContaining("redrive its parent execution");
    }
}
