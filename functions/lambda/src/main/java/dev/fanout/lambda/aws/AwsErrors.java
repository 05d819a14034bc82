package dev.fanout.lambda.aws;

import dev.fanout.core.error.StorageUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Sorts SDK failures into the core's error families. */
final class AwsErrors {
    private AwsErrors() {
    }

    /** Throttling, 5xx and client-side I/O trouble (timeouts, refused connections): worth another try. */
    static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            return service.isThrottlingException() || status == 429 || status >= 500 || service.retryable();
        }
        return e instanceof SdkClientException;
    }

    static int status(SdkException e) {
        return e instanceof AwsServiceException service ? service.statusCode() : 0;
    }

    static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            return code == null ? "" : code;
        }
        return "";
    }

    /** The service's own message, without the SDK's request-id decoration where available. */
    static String message(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /**
     * A transient failure becomes {@link StorageUnavailableException}; anything else is a fault of
     * configuration or code and surfaces unchanged, loudly.
     */
    static RuntimeException translate(String action, SdkException e) {
        if (isTransient(e)) {
            return new StorageUnavailableException(action + " failed: " + e.getMessage(), e);
        }
        return e;
    }
}
