package dev.fanout.local.runtime.esm;

import software.amazon.awssdk.services.sqs.model.Message;

/** Which received messages the event source mapping delivers a second time, concurrently (fault injection). */
@FunctionalInterface
public interface DeliveryFaults {
    /** Every message once. */
    DeliveryFaults NONE = message -> false;

    /** Called once per received message; thread-safe. */
    boolean deliverTwice(Message message);

    /** The second delivery of {@code message} ended; {@code reportedFailure} if the function wanted it back. */
    default void duplicateDone(Message message, boolean reportedFailure) {
    }
}
