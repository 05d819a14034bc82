package dev.fanout.asl.internal.model;

import java.util.Objects;

/**
 * A Task's {@code Resource}, classified.
 *
 * @param arn          the ARN as written
 * @param kind         which integration it is
 * @param waitForToken the {@code .waitForTaskToken} pattern
 */
public record Resource(String arn, Kind kind, boolean waitForToken) {

    public enum Kind {
        /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}: the output is the function's payload. */
        LAMBDA_FUNCTION("lambda", "invoke"),
        /** {@code arn:aws:states:::lambda:invoke}. */
        LAMBDA_INVOKE("lambda", "invoke"),
        /** {@code arn:aws:states:::sqs:sendMessage}. */
        SQS_SEND_MESSAGE("sqs", "sendMessage");

        private final String resourceType;
        private final String action;

        Kind(String resourceType, String action) {
            this.resourceType = resourceType;
            this.action = action;
        }

        /** As in history's {@code resourceType}. */
        public String resourceType() {
            return resourceType;
        }

        public String action() {
            return action;
        }
    }

    public Resource {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(kind, "kind");
    }

    /** As in history's {@code resource}, e.g. {@code sendMessage.waitForTaskToken}. */
    public String historyResource() {
        return kind.action() + (waitForToken ? ".waitForTaskToken" : "");
    }
}
