package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.port.Integrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DistributedMapTest {
    private final MemoryObjectStore s3 = new MemoryObjectStore();
    private final Harness h = new Harness(Integrations.none().withS3(s3));

    @AfterEach
    void close() {
        h.close();
    }

    /** A Distributed Map whose children double {@code $.v} unless it is negative (then they fail). */
    private static String map(String extra) {
        return "{'StartAt':'M','States':{'M':{'Type':'Map','End':true" + extra + ","
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'C','States':{"
                + "'C':{'Type':'Choice','Choices':[{'Variable':'$.v','NumericLessThan':0,'Next':'Bad'}],'Default':'D'},"
                + "'Bad':{'Type':'Fail','Error':'Negative','Cause':'negative value'},"
                + "'D':{'Type':'Pass','Parameters':{'d.$':'States.MathAdd($.v, $.v)'},'End':true}}}}}}";
    }

    @Nested
    class ItemsFromInput {
        @Test
        void runsEachItemAsAChildExecution_andKeepsTheOrder() throws Exception {
            Execution ex = h.run(map(",'ItemsPath':'$.items','MaxConcurrency':2"),
                    "{'items':[{'v':1},{'v':2},{'v':3}]}");

            assertThat(output(ex)).isEqualTo(json("[{'d':2},{'d':4},{'d':6}]"));
            assertThat(ex.mapRuns()).hasSize(1);
            MapRun run = ex.mapRuns().get(0);
            assertThat(run.status()).isEqualTo(MapRunStatus.SUCCEEDED);
            assertThat(run.itemCounts().succeeded()).isEqualTo(3);
            assertThat(run.itemCounts().total()).isEqualTo(3);
            assertThat(run.maxConcurrency()).isEqualTo(2);
            assertThat(run.arn()).startsWith("arn:aws:states:us-east-1:123456789012:mapRun:test/M:");
            assertThat(Harness.types(ex)).contains("MapStateStarted", "MapRunStarted", "MapRunSucceeded",
                    "MapStateSucceeded");
        }

        @Test
        void oneFailedChildExceedsTheDefaultToleranceOfZero() throws Exception {
            Execution ex = h.run(map(""), "[{'v':1},{'v':-1}]");

            assertThat(ex.error()).contains("States.ExceedToleratedFailureThreshold");
            assertThat(ex.mapRuns().get(0).status()).isEqualTo(MapRunStatus.FAILED);
            assertThat(Harness.types(ex)).contains("MapRunFailed");
        }

        @Test
        void failuresWithinToleratedCountLetTheMapSucceed() throws Exception {
            Execution ex = h.run(map(",'ToleratedFailureCount':1"), "[{'v':1},{'v':-1},{'v':3}]");

            JsonNode out = output(ex);
            assertThat(out.get(0)).isEqualTo(json("{'d':2}"));
            assertThat(out.get(1).get("Status").asText()).isEqualTo("FAILED");
            assertThat(out.get(1).get("Error").asText()).isEqualTo("Negative");
            assertThat(ex.mapRuns().get(0).itemCounts().failed()).isEqualTo(1);
        }

        @Test
        void toleratedPercentageIsComparedWithTheShareOfFailedItems() throws Exception {
            Execution within = h.run(map(",'ToleratedFailurePercentage':50"), "[{'v':1},{'v':-1}]");
            Execution beyond = h.run(map(",'ToleratedFailurePercentage':49"), "[{'v':1},{'v':-1}]");

            assertThat(within.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(beyond.error()).contains("States.ExceedToleratedFailureThreshold");
        }

        @Test
        void itemBatcherGroupsItemsWithBatchInput() throws Exception {
            String def = "{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                    + "'ItemBatcher':{'MaxItemsPerBatch':2,'BatchInput':{'job.$':'$.job'}},'ItemsPath':'$.items',"
                    + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'},"
                    + "'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}}}";

            Execution ex = h.run(def, "{'job':'j','items':[1,2,3]}");

            assertThat(output(ex)).isEqualTo(json("""
                    [{'BatchInput':{'job':'j'},'Items':[1,2]},{'BatchInput':{'job':'j'},'Items':[3]}]"""));
        }
    }

    @Nested
    class ItemReaderAndResultWriter {
        private static final String READER = ",'ItemReader':{'Resource':'arn:aws:states:::s3:getObject',"
                + "'Parameters':{'Bucket':'in','Key.$':'$.key'}%s}";

        @Test
        void readsAJsonArrayObject() throws Exception {
            s3.with("in", "items.json", "[{\"v\":5},{\"v\":6}]");

            Execution ex = h.run(map(READER.formatted("")), "{'key':'items.json'}");

            assertThat(output(ex)).isEqualTo(json("[{'d':10},{'d':12}]"));
        }

        @Test
        void readsJsonLinesUpToMaxItems() throws Exception {
            s3.with("in", "items.jsonl", "{\"v\":1}\n{\"v\":2}\n{\"v\":3}\n");

            Execution ex = h.run(map(READER.formatted(",'ReaderConfig':{'InputType':'JSONL','MaxItems':2}")),
                    "{'key':'items.jsonl'}");

            assertThat(output(ex)).isEqualTo(json("[{'d':2},{'d':4}]"));
        }

        @Test
        void readsCsvRowsAsObjectsOfStrings() throws Exception {
            s3.with("in", "rows.csv", "name,qty\r\n\"Smith, J\",3\nLee,4\n");
            String def = "{'StartAt':'M','States':{'M':{'Type':'Map','End':true" + READER.formatted(
                    ",'ReaderConfig':{'InputType':'CSV','CSVHeaderLocation':'FIRST_ROW'}") + ","
                    + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                    + "'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}}}";

            Execution ex = h.run(def, "{'key':'rows.csv'}");

            assertThat(output(ex)).isEqualTo(json("[{'name':'Smith, J','qty':'3'},{'name':'Lee','qty':'4'}]"));
        }

        @Test
        void csvWithGivenHeadersReadsEveryRow() throws Exception {
            s3.with("in", "rows.csv", "a|1\nb|2\n");
            String def = "{'StartAt':'M','States':{'M':{'Type':'Map','End':true" + READER.formatted(
                    ",'ReaderConfig':{'InputType':'CSV','CSVHeaderLocation':'GIVEN','CSVHeaders':['k','n'],"
                            + "'CSVDelimiter':'PIPE'}") + ","
                    + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                    + "'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}}}";

            Execution ex = h.run(def, "{'key':'rows.csv'}");

            assertThat(output(ex)).isEqualTo(json("[{'k':'a','n':'1'},{'k':'b','n':'2'}]"));
        }

        @Test
        void missingObjectFailsWithItemReaderFailed() throws Exception {
            Execution ex = h.run(map(READER.formatted("")), "{'key':'nope.json'}");

            assertThat(ex.error()).contains("States.ItemReaderFailed");
        }

        @Test
        void resultWriterWritesManifestAndResultFiles_andOutputsTheirLocation() throws Exception {
            s3.with("in", "items.json", "[{\"v\":1},{\"v\":-1}]");
            String writer = ",'ToleratedFailureCount':1,'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject',"
                    + "'Parameters':{'Bucket':'out','Prefix':'results'}}";

            Execution ex = h.run(map(READER.formatted("") + writer), "{'key':'items.json'}");

            JsonNode out = output(ex);
            String mapRunArn = ex.mapRuns().get(0).arn();
            String mapRunId = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
            assertThat(out.get("MapRunArn").asText()).isEqualTo(mapRunArn);
            assertThat(out.get("ResultWriterDetails")).isEqualTo(json(
                    "{'Bucket':'out','Key':'results/" + mapRunId + "/manifest.json'}"));
            JsonNode manifest = json(s3.text("out", "results/" + mapRunId + "/manifest.json"));
            assertThat(manifest.get("DestinationBucket").asText()).isEqualTo("out");
            assertThat(manifest.get("ResultFiles").get("SUCCEEDED").get(0).get("Key").asText())
                    .isEqualTo("results/" + mapRunId + "/SUCCEEDED_0.json");
            JsonNode succeeded = json(s3.text("out", "results/" + mapRunId + "/SUCCEEDED_0.json"));
            assertThat(json(succeeded.get(0).get("Output").asText())).isEqualTo(json("{'d':2}"));
            JsonNode failed = json(s3.text("out", "results/" + mapRunId + "/FAILED_0.json"));
            assertThat(failed.get(0).get("Error").asText()).isEqualTo("Negative");
            // AWS names a child execution:MACHINE/LABEL:NAME, the Label defaulting to the state's name
            assertThat(failed.get(0).get("ExecutionArn").asText())
                    .startsWith("arn:aws:states:us-east-1:123456789012:execution:test/M:");
            assertThat(failed.get(0).get("StateMachineArn").asText())
                    .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:test/M");
            assertThat(failed.get(0).get("RedriveStatus").asText()).isEqualTo("REDRIVABLE_BY_MAP_RUN");
            assertThat(succeeded.get(0).get("RedriveStatusReason").asText())
                    .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        }
    
        @Test
        void aFailedMapRunStillWritesItsResults() throws Exception {
            String writer = ",'ItemsPath':'$.items','MaxConcurrency':1,'ResultWriter':{"
                    + "'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Bucket':'out','Prefix':'r'}}";

            Execution ex = h.run(map(writer), "{'items':[{'v':1},{'v':-1}]}");

            assertThat(ex.error()).contains("States.ExceedToleratedFailureThreshold");
            String mapRunArn = ex.mapRuns().get(0).arn();
            String base = "r/" + mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1) + "/";
            assertThat(json(s3.text("out", base + "SUCCEEDED_0.json")).get(0).get("Status").asText())
                    .isEqualTo("SUCCEEDED");
            assertThat(json(s3.text("out", base + "FAILED_0.json")).get(0).get("Error").asText()).isEqualTo("Negative");
        }
    }
}
