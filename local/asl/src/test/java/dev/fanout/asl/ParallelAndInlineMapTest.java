package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.LambdaResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ParallelAndInlineMapTest {
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxSeen = new AtomicInteger();
    private final FakeLambda lambda = new FakeLambda().function("Track", p -> {
        int now = concurrent.incrementAndGet();
        maxSeen.accumulateAndGet(now, Math::max);
        Thread.yield();
        concurrent.decrementAndGet();
        return LambdaResponse.ok(p);
    });
    private final Harness h = new Harness(Integrations.none().withLambda(lambda));

    @AfterEach
    void close() {
        h.close();
    }

    @Nested
    class Parallel {
        @Test
        void outputIsTheArrayOfBranchOutputsInBranchOrder() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[
                      {'StartAt':'A','States':{'A':{'Type':'Pass','Result':'a','End':true}}},
                      {'StartAt':'B','States':{'B':{'Type':'Pass','InputPath':'$.x','End':true}}}]}}}""", "{'x':2}");

            assertThat(output(ex)).isEqualTo(json("['a',2]"));
            assertThat(Harness.types(ex)).contains("ParallelStateEntered", "ParallelStateStarted",
                    "ParallelStateSucceeded", "ParallelStateExited");
        }

        @Test
        void oneFailingBranchFailsTheStateWithItsError() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[
                      {'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}},
                      {'StartAt':'F','States':{'F':{'Type':'Fail','Error':'BranchBroke','Cause':'why'}}}]}}}""", "{}");

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.error()).contains("BranchBroke");
            assertThat(ex.cause()).contains("why");
        }

        @Test
        void catchHandlesABranchFailure() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'P','States':{'P':{'Type':'Parallel','Next':'Done','ResultPath':'$.r',
                      'Catch':[{'ErrorEquals':['BranchBroke'],'ResultPath':'$.err','Next':'Done'}],'Branches':[
                      {'StartAt':'F','States':{'F':{'Type':'Fail','Error':'BranchBroke'}}}]},
                     'Done':{'Type':'Succeed'}}}""", "{'in':1}");

            assertThat(output(ex)).isEqualTo(json("{'in':1,'err':{'Error':'BranchBroke'}}"));
        }
    }

    @Nested
    class InlineMap {
        @Test
        void mapsEveryItemInOrder_withItemSelectorAndContextItem() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.items','End':true,
                      'ItemSelector':{'index.$':'$$.Map.Item.Index','value.$':'$$.Map.Item.Value','k.$':'$.k'},
                      'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}}}""",
                    "{'k':'K','items':['a','b','c']}");

            assertThat(output(ex)).isEqualTo(json("""
                    [{'index':0,'value':'a','k':'K'},{'index':1,'value':'b','k':'K'},{'index':2,'value':'c','k':'K'}]"""));
            assertThat(Harness.types(ex)).contains("MapStateEntered", "MapStateStarted", "MapIterationStarted",
                    "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited");
        }

        @Test
        void legacyIteratorAndParametersStillWork() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'M','States':{'M':{'Type':'Map','ResultPath':'$.out','End':true,'ItemsPath':'$.n',
                      'Parameters':{'v.$':'$$.Map.Item.Value'},
                      'Iterator':{'StartAt':'P','States':{'P':{'Type':'Pass','OutputPath':'$.v','End':true}}}}}}""",
                    "{'n':[1,2]}");

            assertThat(output(ex)).isEqualTo(json("{'n':[1,2],'out':[1,2]}"));
        }

        @Test
        void maxConcurrencyBoundsConcurrentIterations() throws Exception {
            StringBuilder items = new StringBuilder("[");
            for (int i = 0; i < 50; i++) {
                items.append(i == 0 ? "" : ",").append(i);
            }
            Execution ex = h.run("""
                    {'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':3,'End':true,
                      'ItemProcessor':{'StartAt':'T','States':{'T':{'Type':'Task',
                        'Resource':'arn:aws:states:::lambda:invoke','Parameters':{'FunctionName':'Track','Payload.$':'$'},
                        'OutputPath':'$.Payload','End':true}}}}}}""", items + "]");

            assertThat(output(ex)).hasSize(50);
            assertThat(output(ex).get(49).asInt()).isEqualTo(49);
            assertThat(maxSeen.get()).isLessThanOrEqualTo(3);
        }

        @Test
        void aFailingIterationFailsTheMap() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'M','States':{'M':{'Type':'Map','End':true,
                      'ItemProcessor':{'StartAt':'C','States':{
                        'C':{'Type':'Choice','Choices':[{'Variable':'$','NumericEquals':2,'Next':'F'}],'Default':'OK'},
                        'F':{'Type':'Fail','Error':'Two'},'OK':{'Type':'Succeed'}}}}}}""", "[1,2,3]");

            assertThat(ex.error()).contains("Two");
            assertThat(Harness.types(ex)).contains("MapIterationFailed", "MapStateFailed");
        }

        @Test
        void itemsPathToANonArrayIsARuntimeError() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.x','End':true,
                      'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}}}""", "{'x':{}}");

            assertThat(ex.error()).contains("States.Runtime");
        }

        @Test
        void emptyItemsGiveAnEmptyArray() throws Exception {
            Execution ex = h.run("""
                    {'StartAt':'M','States':{'M':{'Type':'Map','End':true,
                      'ItemProcessor':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}}}}""", "[]");

            assertThat(output(ex)).isEqualTo(json("[]"));
        }
    }
}
