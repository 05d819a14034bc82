package dev.fanout.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.model.JobStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

class SfnExecutionsTest {

    @Test
    void derivesTheExecutionArnFromTheStateMachineArn() {
        assertThat(SfnExecutions.executionArn("arn:aws:states:eu-west-1:123456789012:stateMachine:Pipeline-x1", "job-9"))
                .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:Pipeline-x1:job-9");
    }

    @Test
    void mapsEveryExecutionStatus() {
        assertThat(SfnExecutions.status(ExecutionStatus.RUNNING)).isEqualTo(JobStatus.RUNNING);
        assertThat(SfnExecutions.status(ExecutionStatus.SUCCEEDED)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(SfnExecutions.status(ExecutionStatus.FAILED)).isEqualTo(JobStatus.FAILED);
        assertThat(SfnExecutions.status(ExecutionStatus.TIMED_OUT)).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(SfnExecutions.status(ExecutionStatus.ABORTED)).isEqualTo(JobStatus.ABORTED);
        assertThat(SfnExecutions.status(ExecutionStatus.PENDING_REDRIVE)).isEqualTo(JobStatus.RUNNING);
        assertThat(SfnExecutions.status(ExecutionStatus.UNKNOWN_TO_SDK_VERSION)).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void refusesAnArnThatIsNotAStateMachines() {
        assertThatThrownBy(() -> new SfnExecutions(
                software.amazon.awssdk.services.sfn.SfnClient.builder()
                        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                        .build(),
                "arn:aws:lambda:us-east-1:123456789012:function:f"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a state machine ARN");
    }
}
