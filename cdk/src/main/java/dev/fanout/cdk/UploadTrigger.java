package dev.fanout.cdk;

import dev.fanout.deployment.StoragePrefix;
import java.util.Objects;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/** Starts a job for every object created under {@code incoming/} in the input bucket. */
public final class UploadTrigger extends Construct {

    public record UploadTriggerProps(IBucket inputBucket, LiveFunction handler, StateMachine stateMachine) {
        public UploadTriggerProps {
            Objects.requireNonNull(inputBucket, "inputBucket");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(stateMachine, "stateMachine");
        }
    }

    public UploadTrigger(Construct scope, String id, UploadTriggerProps props) {
        super(scope, id);
        props.inputBucket().addEventNotification(EventType.OBJECT_CREATED,
                new LambdaDestination(props.handler().alias()),
                NotificationKeyFilter.builder().prefix(StoragePrefix.UPLOADS.prefix()).build());
        props.stateMachine().grantStartExecution(props.handler().function());
    }
}
