package dev.fanout.core.pipeline;

import dev.fanout.core.model.Chunk;
import java.util.Objects;

/**
 * The body of a work queue message, as the state machine's {@code ProcessChunk} state sends it:
 * {@code {"taskToken": "...", "chunk": {...}}}.
 */
public record WorkMessage(String taskToken, Chunk chunk) {
    public WorkMessage {
        Objects.requireNonNull(taskToken, "taskToken");
        Objects.requireNonNull(chunk, "chunk");
        if (taskToken.isEmpty()) {
            throw new IllegalArgumentException("taskToken is empty");
        }
    }
}
