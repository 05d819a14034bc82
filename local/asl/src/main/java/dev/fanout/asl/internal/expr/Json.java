package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The one mapper of the expression package and small helpers around it. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** Compact JSON text, as AWS prints values inside causes. */
    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new object node with the same (shared, not copied) children. */
    static ObjectNode shallowCopy(ObjectNode node) {
        ObjectNode copy = NODES.objectNode();
        copy.setAll(node);
        return copy;
    }

    /** The last segment of a location such as {@code /States/Pass/InputPath}. */
    static String fieldOf(String where) {
        if (where == null) {
            return "";
        }
        int slash = where.lastIndexOf('/');
        return slash < 0 ? where : where.substring(slash + 1);
    }
}
