package dev.fanout.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.deployment.DeploymentSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;

/** Builds the stack the way {@code cdk synth} does: the repository's cdk.json context, the reactor's Lambda jar. */
final class SynthesizedStack {
    private SynthesizedStack() {
    }

    static FanoutStack create(DeploymentSettings settings) {
        App app = App.Builder.create().context(cdkJsonContext()).build();
        FanoutStackProps props = new FanoutStackProps(LambdaJar.resolve(System.getProperty(LambdaJar.PROPERTY),
                Path.of("")), settings, false);
        return FanoutApp.create(app, props);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        Path cdkJson = LambdaJar.repositoryRoot(Path.of("")).resolve("cdk.json");
        try {
            Map<String, Object> json = new ObjectMapper().readValue(cdkJson.toFile(), Map.class);
            return (Map<String, Object>) json.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cdkJson, e);
        }
    }
}
