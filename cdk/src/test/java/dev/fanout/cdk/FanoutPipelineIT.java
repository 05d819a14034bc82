package dev.fanout.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.deployment.PipelineFunction;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sns.Topic;

/** FanoutPipeline in a user's stack: its props, its layer of job types, and cdk-nag under any construct id. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanoutPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private Stack defaults;
    private Stack custom;
    private FanoutPipeline customPipeline;
    private JsonNode customResources;

    @BeforeAll
    void synthesize() throws IOException {
        App app = new App();
        defaults = new Stack(app, "Defaults");
        new FanoutPipeline(defaults, "Fanout", FanoutPipelineProps.defaults());
        custom = new Stack(app, "Custom");
        Topic topic = Topic.Builder.create(custom, "Alarms").enforceSsl(true).build();
        customPipeline = new FanoutPipeline(custom, "Pipeline", FanoutPipelineProps.builder()
                .jobs(jobsJar(dir.resolve("my-jobs.jar")))
                .settings(DeploymentSettings.defaults().withWorkerMaxConcurrency(200).withWorkerMemoryMb(3008))
                .alarmTopic(topic)
                .api(false)
                .uploadTrigger(false)
                .build());
        Aspects.of(app).add(new AwsSolutionsChecks());
        customResources = JSON.valueToTree(Template.fromStack(custom).toJSON()).get("Resources");
    }

    /** A jar registering one (imaginary) job type: the synthesis only packs it. */
    private static Path jobsJar(Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.putNextEntry(new JarEntry(JobsLayer.SERVICE_FILE));
            zip.write("com.example.LineCountJob\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }

    @Test
    void byDefaultCarriesTheLambdaJarAndHasTheApiAndTheUploadTrigger() {
        assertThat(LambdaCode.embeddedJar()).isRegularFile();
        Template template = Template.fromStack(defaults);
        assertThat(template.findResources("AWS::ApiGateway::RestApi")).hasSize(1);
        assertThat(template.findResources("Custom::S3BucketNotifications")).hasSize(1);
        assertThat(template.findOutputs("FanoutApiUrl")).hasSize(1);
        assertThat(template.findOutputs("FanoutInputBucketName")).hasSize(1);
        assertThat(template.findResources("AWS::Lambda::LayerVersion")).isEmpty();
    }

    @Test
    void theJobsBecomeALayerWithTheirJarUnderJavaLibThatEveryFunctionHas() {
        Template template = Template.fromStack(custom);
        template.hasResourceProperties("AWS::Lambda::LayerVersion", Match.objectLike(Map.of(
                "CompatibleRuntimes", List.of("java21"),
                "CompatibleArchitectures", List.of("arm64"))));
        String layer = JSON.valueToTree(custom.resolve(customPipeline.jobsLayer().layer().getLayerVersionArn()))
                .toString();
        assertThat(layer).contains("Ref");
        List<JsonNode> functions = resourcesOfType("AWS::Lambda::Function");
        assertThat(functions).hasSize(3);
        for (JsonNode function : functions) {
            assertThat(function.at("/Properties/Layers").toString()).contains(layer);
        }
    }

    @Test
    void theLayersContentIsTheJarInJavaLib() throws IOException {
        Path staged = JobsLayer.stage(jobsJar(dir.resolve("other-jobs.jar")));

        assertThat(staged.resolve("java/lib/other-jobs.jar")).isRegularFile();
    }

    @Test
    void withoutApiAndUploadTriggerThereIsNeitherNorTheirFunctions() {
        Template template = Template.fromStack(custom);
        assertThat(template.findResources("AWS::ApiGateway::RestApi")).isEmpty();
        assertThat(template.findResources("Custom::S3BucketNotifications")).isEmpty();
        assertThat(template.findOutputs("PipelineApiUrl")).isEmpty();
        assertThat(template.findOutputs("PipelineInputBucketName")).hasSize(1);
        assertThat(customPipeline.functions().has(PipelineFunction.API)).isFalse();
        assertThat(customPipeline.functions().has(PipelineFunction.S3_TRIGGER)).isFalse();
        assertThat(resourcesOfType("AWS::Lambda::Function"))
                .extracting(f -> f.at("/Properties/Handler").asText())
                .noneMatch(h -> h.contains("ApiHandler") || h.contains("S3TriggerHandler"));
    }

    @Test
    void theSizingReachesTheWorkerAndItsEventSourceMapping() {
        Template template = Template.fromStack(custom);
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", Match.stringLikeRegexp(".*WorkerHandler.*"), "MemorySize", 3008)));
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "ScalingConfig", Map.of("MaximumConcurrency", 200))));
    }

    @Test
    void bothAlarmsNotifyTheTopic() {
        List<JsonNode> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSize(2);
        for (JsonNode alarm : alarms) {
            assertThat(alarm.at("/Properties/AlarmActions").toString()).contains("Alarms");
        }
    }

    @Test
    void cdkNagFindsNothingUnsuppressedUnderAnyConstructId() {
        for (Stack stack : List.of(defaults, custom)) {
            assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                    .as(stack.getStackName()).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
            assertThat(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                    .as(stack.getStackName()).extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        }
    }

    private List<JsonNode> resourcesOfType(String type) {
        List<JsonNode> out = new ArrayList<>();
        customResources.forEach(r -> {
            if (r.path("Type").asText().equals(type)) {
                out.add(r);
            }
        });
        return out;
    }

    @Nested
    class Jobs {
        @Test
        void aDirectoryOfClassesIsPackedTheSameWayEveryTime() throws IOException {
            Path classes = Files.createDirectories(dir.resolve("classes/META-INF/services"));
            Files.writeString(classes.resolve("dev.fanout.core.job.Job"), "com.example.LineCountJob\n");
            Files.createDirectories(dir.resolve("classes/com/example"));
            Files.write(dir.resolve("classes/com/example/LineCountJob.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});

            byte[] first = Files.readAllBytes(JobsLayer.stage(dir.resolve("classes")).resolve("java/lib/jobs.jar"));
            byte[] second = Files.readAllBytes(JobsLayer.stage(dir.resolve("classes")).resolve("java/lib/jobs.jar"));

            assertThat(first).isEqualTo(second);
        }

        @Test
        void jobsWithoutAServiceFileAreRefusedWithWhatIsMissing() throws IOException {
            Path empty = Files.createDirectories(dir.resolve("no-services"));

            assertThatThrownBy(() -> JobsLayer.stage(empty))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("registers no job type")
                    .hasMessageContaining(JobsLayer.SERVICE_FILE);
        }

        @Test
        void aMissingJarSaysToBuildIt() {
            assertThatThrownBy(() -> JobsLayer.stage(dir.resolve("target/absent.jar")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("absent.jar")
                    .hasMessageContaining("build");
        }
    }
}
