package dev.fanout.asl.internal.run;

/** Small helpers for Step Functions ARNs. */
final class Arns {
    private Arns() {}

    /** {@code arn:aws:states:r:a:stateMachine:Name} → {@code Name}. */
    static String lastSegment(String arn) {
        int colon = arn.lastIndexOf(':');
        return colon < 0 ? arn : arn.substring(colon + 1);
    }
}
