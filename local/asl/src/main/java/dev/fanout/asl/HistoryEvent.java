package dev.fanout.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One GetExecutionHistory event.
 *
 * @param type        the AWS event type, e.g. {@code TaskStateEntered}, {@code LambdaFunctionFailed}
 * @param detailsKey  the name of the details member in the API shape, e.g. {@code stateEnteredEventDetails};
 *                    null when the type has none
 * @param details     the details object exactly as the API would serialize it (may be null)
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type,
                           String detailsKey, ObjectNode details) {
}
