package dev.fanout.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.pipeline.Keys;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Resource prefixes, self-chosen names and ARN formats. */
class ContractNamesTest {

    @Nested
    class Prefixes {
        @Test
        void everyKeyAFunctionWritesLiesUnderItsBucketsPrefix() {
            assertThat(Keys.manifest("j1")).startsWith(StoragePrefix.WORK_DATA.prefix());
            assertThat(Keys.partial("j1", 7)).startsWith(StoragePrefix.WORK_DATA.prefix());
            assertThat(Keys.failure("j1", 7)).startsWith(StoragePrefix.WORK_DATA.prefix());
            assertThat(Keys.inlineInput("j1")).startsWith(StoragePrefix.INLINE_INPUTS.prefix());
            assertThat(Keys.result("j1", "result.json")).startsWith(StoragePrefix.RESULTS.prefix());
            assertThat(Keys.summary("j1")).startsWith(StoragePrefix.RESULTS.prefix());
        }

        @Test
        void workDataAndInlineInputsExpire_uploadsAndResultsStay() {
            assertThat(Arrays.stream(StoragePrefix.values()).filter(StoragePrefix::expires))
                    .containsExactly(StoragePrefix.WORK_DATA, StoragePrefix.INLINE_INPUTS);
            assertThat(StoragePrefix.UPLOADS.bucket()).isEqualTo(DataBucket.INPUT);
            assertThat(StoragePrefix.UPLOADS.pattern()).isEqualTo("incoming/*");
            assertThat(StoragePrefix.OUTPUT_PARTS.pattern()).isEqualTo("results/*/part-*");
            assertThat(Keys.part("j1", 7, "jsonl")).isEqualTo("results/j1/part-000007.jsonl")
                    .matches(StoragePrefix.OUTPUT_PARTS.pattern().replace("*", "[^/]*"));
            assertThat(StoragePrefix.COMBINED_PARTIALS.pattern()).isEqualTo("jobs/*/combined/*");
            assertThat(Keys.combined("j1", 3)).isEqualTo("jobs/j1/combined/000003")
                    .matches(StoragePrefix.COMBINED_PARTIALS.pattern().replace("*", "[^/]*"));
        }
    }

    @Nested
    class SelfChosenNames {
        @Test
        void localNames() {
            ResourceNames n = ResourceNames.LOCAL;

            assertThat(n.bucket(DataBucket.INPUT)).isEqualTo("fanout-input");
            assertThat(n.bucket(DataBucket.WORK)).isEqualTo("fanout-work");
            assertThat(n.bucket(DataBucket.RESULTS)).isEqualTo("fanout-results");
            assertThat(n.workQueue()).isEqualTo("fanout-work");
            assertThat(n.deadLetterQueue()).isEqualTo("fanout-work-dlq");
            assertThat(n.stateMachine()).isEqualTo("fanout-pipeline");
            assertThat(Arrays.stream(PipelineFunction.values()).map(n::function)).containsExactly(
                    "fanout-splitter", "fanout-worker", "fanout-reducer", "fanout-api", "fanout-s3trigger");
        }

        @Test
        void aPrefixMustSuitBucketAndQueueNames() {
            assertThatThrownBy(() -> new ResourceNames("Fanout")).hasMessageContaining("prefix");
            assertThatThrownBy(() -> new ResourceNames("a_b")).hasMessageContaining("prefix");
        }

        @Test
        void namedResourcesCarryTheBucketNames() {
            DeployedResources r = DeployedResources.named(new ResourceNames("test-1"), "http://q", "http://dlq", null);

            assertThat(r).isEqualTo(new DeployedResources("test-1-input", "test-1-work", "test-1-results", "http://q",
                    "http://dlq", null));
        }
    }

    @Nested
    class ArnFormats {
        private final Arns arns = Arns.aws("eu-west-1", "123456789012");

        @Test
        void functionsStateMachinesExecutionsQueuesBucketsAndApis() {
            assertThat(arns.function("fanout-worker")).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:fanout-worker");
            assertThat(arns.function("fanout-api", "live"))
                    .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:fanout-api:live");
            assertThat(arns.stateMachine("fanout-pipeline"))
                    .isEqualTo("arn:aws:states:eu-west-1:123456789012:stateMachine:fanout-pipeline");
            assertThat(arns.execution("fanout-pipeline", "job-1"))
                    .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:fanout-pipeline:job-1");
            assertThat(arns.queue("fanout-work")).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:fanout-work");
            assertThat(arns.bucket("fanout-input")).isEqualTo("arn:aws:s3:::fanout-input");
            assertThat(arns.executeApi("abc123", "*/*/*"))
                    .isEqualTo("arn:aws:execute-api:eu-west-1:123456789012:abc123/*/*/*");
        }

        @Test
        void otherPartitions() {
            assertThat(new Arns("aws-cn", "cn-north-1", "1").queue("q")).isEqualTo("arn:aws-cn:sqs:cn-north-1:1:q");
        }
    }
}
