package dev.fanout.cdk;

import dev.fanout.deployment.DeploymentSettings;
import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * What a {@link FanoutPipeline} is configured with. Every field has a default ({@link #defaults()}, or a
 * {@link #builder()} left alone): the built-in job types only, the contract's sizing, alarms without actions, the
 * jobs API and the upload trigger on, buckets retained with the stack.
 *
 * <pre>{@code
 * FanoutPipelineProps props = FanoutPipelineProps.builder()
 *         .jobs(Path.of("target/my-jobs.jar"))           // or a module's output directory, target/classes
 *         .settings(DeploymentSettings.defaults().withWorkerMaxConcurrency(200).withWorkerMemoryMb(3008))
 *         .alarmTopic(topic)
 *         .uploadTrigger(false)
 *         .build();
 * }</pre>
 *
 * @param jobs              the job types' code — a jar, or a directory of classes (a module's
 *                          {@code target/classes}) — with its {@code META-INF/services/dev.fanout.core.job.Job}; the
 *                          functions get it as a Lambda layer ({@link JobsLayer}). Null: the built-in job types only
 * @param settings          the contract's sizing: worker concurrency, batch size, memory and timeout, heartbeat,
 *                          deliveries before the dead-letter queue, expiry of work data
 * @param alarmTopic        the SNS topic the alarms (a chunk in the dead-letter queue, a failed job) notify; null:
 *                          alarms without actions
 * @param api               the jobs API (REST API with IAM authorization, {@code POST /jobs}, {@code GET /jobs/{id}})
 * @param uploadTrigger     a job for every object uploaded under {@code incoming/<jobType>/} of the input bucket
 * @param autoDeleteObjects empty and delete the buckets with the stack (default false: data is retained)
 * @param lambdaJar         another build of the functions' shaded jar; null: the one this artifact carries
 *                          ({@link LambdaCode#embeddedJar()})
 */
public record FanoutPipelineProps(Path jobs, DeploymentSettings settings, ITopic alarmTopic, boolean api,
                                  boolean uploadTrigger, boolean autoDeleteObjects, Path lambdaJar) {

    public FanoutPipelineProps {
        Objects.requireNonNull(settings, "settings");
    }

    public static FanoutPipelineProps defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from the defaults. */
    public static final class Builder {
        private Path jobs;
        private DeploymentSettings settings = DeploymentSettings.defaults();
        private ITopic alarmTopic;
        private boolean api = true;
        private boolean uploadTrigger = true;
        private boolean autoDeleteObjects;
        private Path lambdaJar;

        private Builder() {
        }

        public Builder jobs(Path jarOrClassesDirectory) {
            this.jobs = jarOrClassesDirectory;
            return this;
        }

        public Builder settings(DeploymentSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder alarmTopic(ITopic topic) {
            this.alarmTopic = topic;
            return this;
        }

        public Builder api(boolean on) {
            this.api = on;
            return this;
        }

        public Builder uploadTrigger(boolean on) {
            this.uploadTrigger = on;
            return this;
        }

        public Builder autoDeleteObjects(boolean on) {
            this.autoDeleteObjects = on;
            return this;
        }

        public Builder lambdaJar(Path jar) {
            this.lambdaJar = jar;
            return this;
        }

        public FanoutPipelineProps build() {
            return new FanoutPipelineProps(jobs, settings, alarmTopic, api, uploadTrigger, autoDeleteObjects,
                    lambdaJar);
        }
    }
}
