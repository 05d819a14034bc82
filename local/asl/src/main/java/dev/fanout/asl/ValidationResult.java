package dev.fanout.asl;

import java.util.List;

/**
 * What ValidateStateMachineDefinition answers: {@code OK} with no diagnostics, or {@code FAIL} with the errors, at
 * most {@code maxResults} of them ({@code truncated} when there were more).
 */
public record ValidationResult(boolean ok, List<Diagnostic> diagnostics, boolean truncated) {
    public ValidationResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /** {@code OK} or {@code FAIL}, as the API's {@code result} member. */
    public String result() {
        return ok ? "OK" : "FAIL";
    }
}
