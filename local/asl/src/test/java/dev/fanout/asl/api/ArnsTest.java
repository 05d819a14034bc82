package dev.fanout.asl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArnsTest {
    private final Arns arns = new Arns("eu-west-1", "111122223333");

    @Test
    void buildsStateMachineArnInAwsFormat() {
        assertThat(arns.stateMachine("jobs")).isEqualTo("arn:aws:states:eu-west-1:111122223333:stateMachine:jobs");
    }

    @Test
    void buildsExecutionArnInAwsFormat() {
        assertThat(arns.execution("jobs", "run-1"))
                .isEqualTo("arn:aws:states:eu-west-1:111122223333:execution:jobs:run-1");
    }

    @Test
    void acceptsArnOfTheExpectedResourceType() {
        assertThatCode(() -> Arns.requireType("arn:aws:states:us-east-1:123456789012:execution:sm:e1",
                Arns.EXECUTION)).doesNotThrowAnyException();
    }

    @Test
    void rejectsArnOfAnotherResourceType() {
        assertThatThrownBy(() -> Arns.requireType("arn:aws:states:us-east-1:123456789012:stateMachine:sm",
                Arns.EXECUTION))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SfnErrorCode.INVALID_ARN))
                .hasMessage("Invalid Arn: 'Resource type not valid in this context: stateMachine'");
    }

    @Test
    void rejectsTextThatIsNoArn() {
        assertThatThrownBy(() -> Arns.requireType("my-machine", Arns.STATE_MACHINE))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SfnErrorCode.INVALID_ARN))
                .hasMessage("Invalid Arn: 'Invalid ARN prefix: my-machine'");
    }

    @Test
    void rejectsArnOfAnotherService() {
        assertThatThrownBy(() -> Arns.requireType("arn:aws:lambda:us-east-1:123456789012:function:f",
                Arns.STATE_MACHINE))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SfnErrorCode.INVALID_ARN));
    }

    @Test
    void acceptsAnyWellFormedArnAsRoleArn() {
        assertThatCode(() -> Arns.requireAnyArn("arn:aws:iam::123456789012:role/StepFunctions"))
                .doesNotThrowAnyException();
    }

    @Test
    void rejectsARoleArnThatIsNoArn() {
        assertThatThrownBy(() -> Arns.requireAnyArn("StepFunctionsRole"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SfnErrorCode.INVALID_ARN));
    }
}
