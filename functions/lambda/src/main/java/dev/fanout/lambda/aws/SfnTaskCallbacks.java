package dev.fanout.lambda.aws;

import dev.fanout.core.error.TaskTokenRejectedException;
import dev.fanout.core.port.TaskCallbacks;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * {@link TaskCallbacks} through the Step Functions API. A callback for a task that is over, or for an unknown
 * token, throws {@link TaskTokenRejectedException} with the service's error code.
 *
 * <pre>{@code
 * TaskCallbacks callbacks = new SfnTaskCallbacks(sfnClient);
 * callbacks.succeed(taskToken, "{\"index\":3}");
 * }</pre>
 */
public final class SfnTaskCallbacks implements TaskCallbacks {
    /** SendTaskFailure's limits on error and cause, in characters. */
    static final int MAX_ERROR_LENGTH = 256;
    static final int MAX_CAUSE_LENGTH = 32_768;

    private final SfnClient sfn;

    public SfnTaskCallbacks(SfnClient sfn) {
        this.sfn = Objects.requireNonNull(sfn, "sfn");
    }

    @Override
    public void succeed(String taskToken, String outputJson) {
        call("SendTaskSuccess", () -> sfn.sendTaskSuccess(b -> b.taskToken(taskToken).output(outputJson)));
    }

    @Override
    public void fail(String taskToken, String error, String cause) {
        call("SendTaskFailure", () -> sfn.sendTaskFailure(b -> b.taskToken(taskToken)
                .error(truncate(error, MAX_ERROR_LENGTH))
                .cause(truncate(cause, MAX_CAUSE_LENGTH))));
    }

    @Override
    public void heartbeat(String taskToken) {
        call("SendTaskHeartbeat", () -> sfn.sendTaskHeartbeat(b -> b.taskToken(taskToken)));
    }

    private static void call(String action, Runnable request) {
        try {
            request.run();
        } catch (TaskTimedOutException | InvalidTokenException | TaskDoesNotExistException e) {
            String code = AwsErrors.code(e);
            throw new TaskTokenRejectedException(code.isEmpty() ? e.getClass().getSimpleName() : code,
                    action + " refused: " + AwsErrors.message(e));
        } catch (SdkException e) {
            throw AwsErrors.translate(action, e);
        }
    }

    static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
