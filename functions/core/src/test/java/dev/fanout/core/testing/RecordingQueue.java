package dev.fanout.core.testing;

import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.port.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A WorkQueue that records what the worker asked of it, and can fail like an unavailable SQS. */
public final class RecordingQueue implements WorkQueue {
    public record Redelivery(String receiptHandle, Duration delay) {
    }

    public record DeadLetter(String body, Map<String, String> attributes) {
    }

    private final List<Redelivery> redeliveries = new CopyOnWriteArrayList<>();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private volatile boolean failDeadLetters;

    public void failDeadLetters() {
        failDeadLetters = true;
    }

    public List<Redelivery> redeliveries() {
        return List.copyOf(redeliveries);
    }

    public List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    @Override
    public void redeliverAfter(String receiptHandle, Duration delay) {
        redeliveries.add(new Redelivery(receiptHandle, delay));
    }

    @Override
    public void deadLetter(String body, Map<String, String> attributes) {
        if (failDeadLetters) {
            throw new StorageUnavailableException("SendMessage failed: the service is unavailable", null);
        }
        deadLetters.add(new DeadLetter(body, Map.copyOf(attributes)));
    }
}
