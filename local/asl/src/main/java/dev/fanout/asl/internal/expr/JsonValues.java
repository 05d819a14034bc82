package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Comparator;

/** JSON value comparisons where numbers compare by value (1 equals 1.0), as in JSON itself. */
final class JsonValues {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (x, y) -> {
        if (x.equals(y)) {
            return 0;
        }
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return 1;
    };

    private JsonValues() {}

    static boolean same(JsonNode x, JsonNode y) {
        return x.equals(NUMBERS_BY_VALUE, y);
    }

    /** A text that is equal for values that are {@link #same}. */
    static String canonical(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue().stripTrailingZeros().toPlainString();
        }
        if (node.isContainerNode()) {
            StringBuilder sb = new StringBuilder(node.isArray() ? "[" : "{");
            node.fields().forEachRemaining(e -> sb.append(Json.write(TextNode.valueOf(e.getKey())))
                    .append(':').append(canonical(e.getValue())).append(','));
            if (node.isArray()) {
                node.forEach(e -> sb.append(canonical(e)).append(','));
            }
            return sb.append(node.isArray() ? "]" : "}").toString();
        }
        return Json.write(node);
    }

    static JsonNode integer(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }
}
