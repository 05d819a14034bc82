package com.example.linecount.cdk;

import dev.fanout.cdk.FanoutPipeline;
import dev.fanout.cdk.FanoutPipelineProps;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk.json}): one stack holding a fanout pipeline that runs the job types of this project's jar
 * beside the built-in ones. The stack is environment-agnostic, so {@code cdk synth} needs no AWS account.
 */
public final class LineCountApp {

    /** The jar {@code mvn package} builds (see the pom's finalName). */
    static final Path JOBS_JAR = Path.of("target/linecount.jar");

    private LineCountApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        Stack stack = new Stack(app, "LineCount", StackProps.builder()
                .description("fanout pipeline with the linecount job type")
                .build());
        new FanoutPipeline(stack, "Fanout", FanoutPipelineProps.builder()
                .jobs(JOBS_JAR)
                .build());
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();
    }
}
