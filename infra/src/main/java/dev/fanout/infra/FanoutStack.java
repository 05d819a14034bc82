package dev.fanout.infra;

import dev.fanout.cdk.Api;
import dev.fanout.cdk.FanoutPipeline;
import dev.fanout.cdk.Functions;
import dev.fanout.cdk.Monitoring;
import dev.fanout.cdk.Pipeline;
import dev.fanout.cdk.Storage;
import dev.fanout.cdk.WorkQueue;
import dev.fanout.deployment.Deployment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * This repository's stack: one {@link FanoutPipeline} (fanout-cdk) with the built-in job types and the settings of
 * {@link FanoutStackProps}. The pipeline's id is {@code Default}, which logical ids leave out, so its resources keep
 * the logical ids they had when the stack built them itself.
 */
public final class FanoutStack extends Stack {

    /** The pipeline's construct id. */
    public static final String PIPELINE_ID = "Default";

    private final FanoutPipeline fanout;

    public FanoutStack(Construct scope, String id, StackProps stackProps, FanoutStackProps props) {
        super(scope, id, stackProps);
        fanout = new FanoutPipeline(this, PIPELINE_ID, props.pipelineProps());
    }

    public FanoutPipeline fanout() {
        return fanout;
    }

    /** What this stack deploys, as the contract derives it from the settings. */
    public Deployment deployment() {
        return fanout.deployment();
    }

    public Storage storage() {
        return fanout.storage();
    }

    public WorkQueue workQueue() {
        return fanout.workQueue();
    }

    public Functions functions() {
        return fanout.functions();
    }

    public Pipeline pipeline() {
        return fanout.pipeline();
    }

    public Api api() {
        return fanout.api();
    }

    public Monitoring monitoring() {
        return fanout.monitoring();
    }
}
