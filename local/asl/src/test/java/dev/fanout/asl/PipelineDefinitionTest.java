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

    /** Whatever the pipeline's ASL holds today, ValidateStateMachineDefinition (on the endpoint's service) passes it. */
    @Test
    void thePipelineDefinitionValidatesWithNoDiagnostics() throws Exception {
        String definition = Files.readString(Path.of("../../statemachines/pipeline.asl.json"));
        var service = new dev.fanout.asl.api.StepFunctionsService(h.engine);

        ValidationResult result = service.validateStateMachineDefinition(definition,
                dev.fanout.asl.api.StateMachineType.STANDARD, 100);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.result()).isEqualTo("OK");
    }
}
