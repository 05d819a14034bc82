package dev.fanout.asl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The project's own state machine is one the engine accepts (its execution is tested with the local runtime). */
class PipelineDefinitionTest {
    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void parsesThePipelineDefinition() throws Exception {
        Path file = Path.of("../../statemachines/pipeline.asl.json");
        String definition = Files.readString(file);

        StateMachine sm = h.engine.parse(definition);

        assertThat(sm.startAt()).isEqualTo("SplitInput");
    }
}
