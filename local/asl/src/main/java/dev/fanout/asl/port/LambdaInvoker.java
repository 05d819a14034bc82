package dev.fanout.asl.port;

/** Invokes a Lambda function for Task states ({@code arn:aws:states:::lambda:invoke} and bare function ARNs). */
@FunctionalInterface
public interface LambdaInvoker {
    /**
     * @param functionName the FunctionName parameter or the bare ARN, as written in the state (after substitution)
     * @param payloadJson  the payload as JSON text
     * @return the function's response; a function error is returned, not thrown
     * @throws RuntimeException for service errors (the function does not exist, throttling...), which
     *                          the engine reports as {@code Lambda.<ExceptionSimpleName>} with the message as cause
     */
    LambdaResponse invoke(String functionName, String payloadJson);
}
