package dev.fanout.asl.api;

/**
 * The error codes the Step Functions API answers with, as they appear in {@code __type}; the SDK v2 maps each to
 * its typed exception (for example {@code ExecutionAlreadyExists} to {@code ExecutionAlreadyExistsException}).
 */
public enum SfnErrorCode {
    EXECUTION_ALREADY_EXISTS("ExecutionAlreadyExists"),
    EXECUTION_DOES_NOT_EXIST("ExecutionDoesNotExist"),
    EXECUTION_NOT_REDRIVABLE("ExecutionNotRedrivable"),
    INVALID_ARN("InvalidArn"),
    INVALID_DEFINITION("InvalidDefinition"),
    INVALID_EXECUTION_INPUT("InvalidExecutionInput"),
    INVALID_NAME("InvalidName"),
    INVALID_OUTPUT("InvalidOutput"),
    INVALID_TOKEN("InvalidToken"),
    RESOURCE_NOT_FOUND("ResourceNotFound"),
    STATE_MACHINE_ALREADY_EXISTS("StateMachineAlreadyExists"),
    STATE_MACHINE_DOES_NOT_EXIST("StateMachineDoesNotExist"),
    STATE_MACHINE_TYPE_NOT_SUPPORTED("StateMachineTypeNotSupported"),
    TASK_DOES_NOT_EXIST("TaskDoesNotExist"),
    TASK_TIMED_OUT("TaskTimedOut"),
    VALIDATION("ValidationException"),
    SERIALIZATION("SerializationException"),
    UNKNOWN_OPERATION("UnknownOperationException");

    private final String code;

    SfnErrorCode(String code) {
        this.code = code;
    }

    /** The wire name, e.g. {@code ExecutionAlreadyExists}. */
    public String code() {
        return code;
    }

    /** Maps an engine {@code TaskTokenException} code ({@code TaskTimedOut}, {@code InvalidToken}, {@code TaskDoesNotExist}). */
    static SfnErrorCode ofTaskTokenCode(String code) {
        for (SfnErrorCode c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a task token error code: " + code);
    }
}
