package dev.fanout.asl.port;

/**
 * What a Lambda invocation returned.
 *
 * @param payloadJson   the response payload; for a function error, the runtime's error object
 *                      {@code {"errorMessage":..., "errorType":..., "stackTrace":[...]}}
 * @param functionError null on success, otherwise the {@code X-Amz-Function-Error} value (e.g. {@code Unhandled})
 */
public record LambdaResponse(String payloadJson, String functionError) {
    public static LambdaResponse ok(String payloadJson) {
        return new LambdaResponse(payloadJson, null);
    }

    public boolean failed() {
        return functionError != null;
    }
}
