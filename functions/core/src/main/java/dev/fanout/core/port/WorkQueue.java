package dev.fanout.core.port;

import java.time.Duration;
import java.util.Map;

/**
 * What a worker does with its own deliveries besides answering them: put one back for a while, or move it to the
 * dead-letter queue. Adapter: {@code SqsWorkQueue} (ChangeMessageVisibility on the work queue, SendMessage to its
 * dead-letter queue). Service trouble throws {@link dev.fanout.core.error.StorageUnavailableException}.
 */
public interface WorkQueue {

    /**
     * Makes the delivered message visible again after {@code delay} from now (the event source mapping then
     * delivers it again, with the same body and task token). A delivery that is no longer in flight is ignored.
     */
    void redeliverAfter(String receiptHandle, Duration delay);

    /** Sends {@code body} to the dead-letter queue with these message attributes (names and string values). */
    void deadLetter(String body, Map<String, String> attributes);
}
