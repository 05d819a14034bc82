package dev.fanout.statemachines;

/**
 * The {@code ${Name}} placeholders in the state machine definitions. The CDK passes them as
 * {@code definitionSubstitutions} and the local runtime through {@link StateMachineDefinitions#render}; each
 * constant's name is the placeholder's name, spelled as it appears in the ASL file.
 *
 * <pre>{@code
 * String asl = StateMachineDefinitions.render(Map.of(
 *         Placeholders.SplitterFunctionArn, splitterArn,
 *         Placeholders.ReducerFunctionArn, reducerArn,
 *         Placeholders.WorkQueueUrl, queueUrl));
 * }</pre>
 */
public enum Placeholders {
    /** ARN (alias ARN on AWS) of the function behind {@code SplitInput}. */
    SplitterFunctionArn,
    /** ARN (alias ARN on AWS) of the function behind {@code ReduceResults}. */
    ReducerFunctionArn,
    /** URL of the SQS work queue the Map children send chunks to. */
    WorkQueueUrl;

    /** The text this placeholder stands for in a definition: {@code ${Name}}. */
    public String token() {
        return "${" + name() + "}";
    }
}
