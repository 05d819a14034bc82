package dev.fanout.asl.port;

/**
 * The services Task states and Distributed Map talk to, supplied by the embedding application.
 * Any of them may be null: a state that needs a missing one fails with {@code States.Runtime}
 * and a cause naming the missing integration.
 */
public record Integrations(LambdaInvoker lambda, SqsSender sqs, ObjectStore s3) {
    public static Integrations none() {
        return new Integrations(null, null, null);
    }

    public Integrations withLambda(LambdaInvoker l) {
        return new Integrations(l, sqs, s3);
    }

    public Integrations withSqs(SqsSender s) {
        return new Integrations(lambda, s, s3);
    }

    public Integrations withS3(ObjectStore o) {
        return new Integrations(lambda, sqs, o);
    }
}
