package dev.fanout.cdk;

import dev.fanout.deployment.StoragePrefix;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * The cdk-nag (AwsSolutions) findings the stack accepts, each with the reason. Wildcard findings name exactly the
 * wildcard they accept ({@code appliesTo}), so a new wildcard fails the checks until someone justifies it.
 */
final class NagFindings {

    /** Created by the CDK for S3 bucket notifications (a fixed id in aws-cdk-lib). */
    static final String BUCKET_NOTIFICATIONS_HANDLER = "BucketNotificationsHandler050a0587b7544547bf325f094a3db834";

    /**
     * What precedes a resource's own path in its logical id: the ids of the constructs above the pipeline's (none for
     * a pipeline with the id {@code Default}, which logical ids leave out).
     */
    private static final String OWNER = "[A-Za-z0-9]*";

    private NagFindings() {
    }

    /** Suppresses {@code suppressions} on {@code construct} and everything below it (e.g. a role's default policy). */
    static void suppress(IConstruct construct, NagPackSuppression... suppressions) {
        NagSuppressions.addResourceSuppressions(construct, List.of(suppressions), true);
    }

    /** The object-level action wildcards CDK's bucket grants use (s3:GetObject*, s3:List*, ...). */
    static NagPackSuppression bucketGrantActions() {
        return wildcard("Action::s3:(Abort|DeleteObject|GetBucket|GetObject|List)\\*",
                "CDK bucket grants name these S3 action families (GetObject*, List*, ...); the same statements "
                        + "limit them to this stack's buckets and key prefixes.");
    }

    /** Any key of the input bucket: uploads and request inputs have user-chosen keys. */
    static NagPackSuppression anyInputKey() {
        return wildcard("Resource::<" + OWNER + "StorageInput[0-9A-F]{8}\\.Arn>/\\*",
                "Inputs have user-chosen keys (incoming/<jobType>/<name> or an s3Uri in a request); readers may "
                        + "read any key of the input bucket, and only of that bucket.");
    }

    /** A prefix of one bucket whose keys contain job ids created at run time. */
    static NagPackSuppression jobKeys(String bucketConstructId, StoragePrefix prefix) {
        return wildcard("Resource::<" + OWNER + "Storage" + bucketConstructId + "[0-9A-F]{8}\\.Arn>/" + prefix.prefix() + "\\*",
                "Keys under " + prefix.prefix() + " contain job ids created at run time; access is limited to that "
                        + "prefix of the " + bucketConstructId.toLowerCase() + " bucket.");
    }

    /** The parts of map-only jobs in the results bucket: a job id and a chunk index in every key. */
    static NagPackSuppression partKeys() {
        return wildcard("Resource::<" + OWNER + "StorageResults[0-9A-F]{8}\\.Arn>/" + StoragePrefix.OUTPUT_PARTS.pattern()
                        .replace("*", "\\*"),
                "A map-only job's worker commits its chunk's part at results/<jobId>/part-<index>.<ext>; the job id "
                        + "and index are created at run time, and no other key of the results bucket is writable.");
    }

    /** The combined partials in the work bucket: a job id and a group index in every key. */
    static NagPackSuppression combinedKeys() {
        return wildcard("Resource::<" + OWNER + "StorageWork[0-9A-F]{8}\\.Arn>/" + StoragePrefix.COMBINED_PARTIALS.pattern()
                        .replace("*", "\\*"),
                "A combine task writes its group's combined partial at jobs/<jobId>/combined/<group>; the job id and "
                        + "group are created at run time, and no other key of the work bucket is writable by the reducer.");
    }

    /** Actions that support no resource-level permissions (the Service Authorization Reference lists no resource type). */
    static NagPackSuppression anyResource(String why) {
        return wildcard("Resource::\\*", why);
    }

    /** Executions, child executions, Map Runs or Map-qualified ARNs of the pipeline state machine. */
    static NagPackSuppression stateMachineChildren(String why) {
        return wildcard("Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:"
                        + "(execution|mapRun|stateMachine):.*(PipelineStateMachine[0-9A-F]{8}).*\\*",
                why + " Their names are created at run time; the ARN pattern is limited to the pipeline state "
                        + "machine.");
    }

    static NagPackSuppression wildcard(String findingRegex, String reason) {
        return NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason(reason)
                .appliesTo(List.of(RegexAppliesTo.builder()
                        .regex("/^" + findingRegex.replace("/", "\\/") + "$/")
                        .build()))
                .build();
    }

    /** Findings on resources the CDK creates for the stack rather than this project's constructs. */
    static void suppressPlatformFindings(Stack stack) {
        if (stack.getNode().tryFindChild(BUCKET_NOTIFICATIONS_HANDLER) == null) {
            return; // no upload trigger, no bucket notifications
        }
        NagSuppressions.addResourceSuppressionsByPath(stack,
                stack.getNode().getPath() + "/" + BUCKET_NOTIFICATIONS_HANDLER + "/Role/Resource",
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM4")
                        .reason("The CDK's bucket-notification custom resource handler runs with "
                                + "AWSLambdaBasicExecutionRole, only while the stack deploys, to write its logs.")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AWSLambdaBasicExecutionRole"))
                        .build()));
    }
}
