package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Where a lane (the execution, a Parallel branch, a Map iteration) stopped on an error, a stop or a timeout: the
 * state it was in, that state's raw input, the variables it saw, the error (null when stopped) and what the state
 * kept for a redrive ({@link BranchMemory} of a Parallel or inline Map, the {@link MapRunImpl} of a Distributed
 * Map). A redrive enters that state again with the same input and variables; earlier states are not rerun.
 */
record Resume(String state, JsonNode input, Map<String, JsonNode> variables, String error, Object memory) {

    /** What the state kept, if it is of the given type. */
    <T> T memory(Class<T> type) {
        return type.isInstance(memory) ? type.cast(memory) : null;
    }
}
