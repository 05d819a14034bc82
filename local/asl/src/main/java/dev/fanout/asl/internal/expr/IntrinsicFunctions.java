package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Bodies of the intrinsic functions, following the Step Functions developer guide. */
final class IntrinsicFunctions {

    /** AWS limits the string inputs of the encoding and hashing functions to 10,000 characters. */
    static final int MAX_STRING = 10_000;
    /** AWS limits States.ArrayRange to 1,000 elements. */
    static final int MAX_RANGE = 1_000;
    static final Map<String, String> HASH_ALGORITHMS = Map.of(
            "MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");
    static final String HASH_NAMES = "MD5, SHA-1, SHA-256, SHA-384, SHA-512";

    private IntrinsicFunctions() {}

    static JsonNode apply(IntrinsicCall.Call call, List<JsonNode> a) {
        String f = call.name();
        return switch (f) {
            case "States.Format" -> format(call, a);
            case "States.StringToJson" -> stringToJson(f, one(f, a));
            case "States.JsonToString" -> Intrinsics.text(Json.write(one(f, a)));
            case "States.Array" -> {
                ArrayNode out = Intrinsics.array();
                out.addAll(a);
                yield out;
            }
            case "States.ArrayPartition" -> partition(f, a);
            case "States.ArrayContains" -> {
                count(f, a, 2);
                yield Intrinsics.bool(indexOf(array(f, a.get(0), "first"), a.get(1)) >= 0);
            }
            case "States.ArrayRange" -> range(f, a);
            case "States.ArrayGetItem" -> getItem(f, a);
            case "States.ArrayLength" -> IntNode.valueOf(array(f, one(f, a), "first").size());
            case "States.ArrayUnique" -> unique(array(f, one(f, a), "first"));
            case "States.Base64Encode" -> Intrinsics.text(Base64.getEncoder()
                    .encodeToString(limited(f, one(f, a)).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode" -> base64Decode(f, limited(f, one(f, a)));
            case "States.Hash" -> hash(f, a);
            case "States.JsonMerge" -> merge(f, a);
            case "States.MathRandom" -> random(f, a);
            case "States.MathAdd" -> {
                count(f, a, 2);
                yield JsonValues.integer(addend(f, a.get(0), "first") + addend(f, a.get(1), "second"));
            }
            case "States.StringSplit" -> split(f, a);
            case "States.UUID" -> {
                count(f, a, 0);
                yield Intrinsics.text(UUID.randomUUID().toString());
            }
            default -> throw new EvaluationException(Intrinsics.FAILURE, "The intrinsic function '" + f + "' is not supported");
        };
    }

    // ---- argument helpers

    private static void count(String f, List<JsonNode> a, int expected) {
        if (a.size() != expected) {
            throw Intrinsics.failure(f, "expected " + expected + " argument" + (expected == 1 ? "" : "s") + " but got " + a.size());
        }
    }

    private static JsonNode one(String f, List<JsonNode> a) {
        count(f, a, 1);
        return a.get(0);
    }

    private static ArrayNode array(String f, JsonNode node, String which) {
        if (!node.isArray()) {
            throw Intrinsics.failure(f, "the " + which + " argument must be an array but was " + Intrinsics.typeName(node));
        }
        return (ArrayNode) node;
    }

    private static String string(String f, JsonNode node, String which) {
        if (!node.isTextual()) {
            throw Intrinsics.failure(f, "the " + which + " argument must be a string but was " + Intrinsics.typeName(node));
        }
        return node.textValue();
    }

    private static String limited(String f, JsonNode node) {
        String s = string(f, node, "first");
        if (s.length() > MAX_STRING) {
            throw Intrinsics.failure(f, "the input string must not exceed " + MAX_STRING + " characters but has " + s.length());
        }
        return s;
    }

    /** A number rounded to the nearest integer, as AWS does for the math and range functions. */
    private static long rounded(String f, JsonNode node, String which) {
        if (!node.isNumber()) {
            throw Intrinsics.failure(f, "the " + which + " argument must be a number but was " + Intrinsics.typeName(node));
        }
        return node.isIntegralNumber() ? node.longValue() : Math.round(node.doubleValue());
    }

    private static long addend(String f, JsonNode node, String which) {
        long value = rounded(f, node, which);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw Intrinsics.failure(f, "the " + which + " argument must be between -2147483648 and 2147483647 but was " + value);
        }
        return value;
    }

    // ---- functions

    /** Number of {@code {}} placeholders in a raw (still escaped) template. */
    static int placeholders(String raw) {
        int count = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
                count++;
                i++;
            }
        }
        return count;
    }

    private static JsonNode format(IntrinsicCall.Call call, List<JsonNode> a) {
        String f = "States.Format";
        if (a.isEmpty()) {
            throw Intrinsics.failure(f, "expected at least 1 argument but got 0");
        }
        String template = call.args().get(0) instanceof IntrinsicCall.Literal literal && literal.raw() != null
                ? literal.raw()
                : escape(string(f, a.get(0), "first"));
        int expected = placeholders(template);
        if (expected != a.size() - 1) {
            throw Intrinsics.failure(f, "the template has " + expected + " placeholders but " + (a.size() - 1)
                    + " arguments were given");
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                appendFormatted(out, a.get(next++));
                i++;
            } else {
                out.append(c);
            }
        }
        return Intrinsics.text(out.toString());
    }

    /** A template that came from a path holds plain text: escape it so only real {} are placeholders. */
    private static String escape(String plain) {
        return plain.replace("\\", "\\\\");
    }

    /**
     * Strings are inserted as they are, other scalars as JSON; objects and arrays the way the
     * Step Functions service (a Java program) prints maps and lists: {@code {a=1, b=[x, y]}}.
     */
    private static void appendFormatted(StringBuilder out, JsonNode value) {
        if (value.isTextual()) {
            out.append(value.textValue());
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                appendFormatted(out, value.get(i));
            }
            out.append(']');
        } else if (value.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(field.getKey()).append('=');
                appendFormatted(out, field.getValue());
            }
            out.append('}');
        } else {
            out.append(Json.write(value));
        }
    }

    private static JsonNode stringToJson(String f, JsonNode arg) {
        String s = string(f, arg, "first");
        if (s.isBlank()) {
            // an empty or blank string is JSON null (LocalStack's string_to_json.py, as AWS answers)
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(s);
            if (parsed == null || parsed.isMissingNode()) {
                throw Intrinsics.failure(f, "the string is not valid JSON: '" + s + "'");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw Intrinsics.failure(f, "the string is not valid JSON: '" + s + "'");
        }
    }

    private static JsonNode partition(String f, List<JsonNode> a) {
        count(f, a, 2);
        ArrayNode input = array(f, a.get(0), "first");
        long size = rounded(f, a.get(1), "second");
        if (size <= 0) {
            throw Intrinsics.failure(f, "the chunk size must be a positive integer but was " + size);
        }
        ArrayNode out = Intrinsics.array();
        ArrayNode chunk = null;
        for (JsonNode element : input) {
            if (chunk == null || chunk.size() == size) {
                chunk = out.addArray();
            }
            chunk.add(element);
        }
        return out;
    }

    private static JsonNode range(String f, List<JsonNode> a) {
        count(f, a, 3);
        long first = rounded(f, a.get(0), "first");
        long last = rounded(f, a.get(1), "second");
        long step = rounded(f, a.get(2), "third");
        if (step == 0) {
            throw Intrinsics.failure(f, "the step (third argument) must not be zero");
        }
        long size = (last - first) / step + 1;
        if ((step > 0 && last < first) || (step < 0 && last > first)) {
            size = 0;
        }
        if (size > MAX_RANGE) {
            throw Intrinsics.failure(f, "the range would have " + size + " elements; at most " + MAX_RANGE + " are allowed");
        }
        ArrayNode out = Intrinsics.array();
        for (long i = 0, v = first; i < size; i++, v += step) {
            out.add(JsonValues.integer(v));
        }
        return out;
    }

    private static JsonNode getItem(String f, List<JsonNode> a) {
        count(f, a, 2);
        ArrayNode input = array(f, a.get(0), "first");
        JsonNode index = a.get(1);
        if (!index.isNumber() || index.doubleValue() != Math.rint(index.doubleValue())) {
            throw Intrinsics.failure(f, "the second argument must be an integer index but was " + Json.write(index));
        }
        long i = index.longValue();
        if (i < 0 || i >= input.size()) {
            throw Intrinsics.failure(f, "the index " + i + " is out of bounds of an array of " + input.size() + " elements");
        }
        return input.get((int) i);
    }

    static int indexOf(ArrayNode array, JsonNode value) {
        for (int i = 0; i < array.size(); i++) {
            if (JsonValues.same(array.get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode unique(ArrayNode input) {
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        for (JsonNode element : input) {
            seen.putIfAbsent(JsonValues.canonical(element), element);
        }
        ArrayNode out = Intrinsics.array();
        out.addAll(seen.values());
        return out;
    }

    private static JsonNode base64Decode(String f, String encoded) {
        try {
            return Intrinsics.text(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw Intrinsics.failure(f, "the input is not valid Base64: '" + encoded + "'");
        }
    }

    private static JsonNode hash(String f, List<JsonNode> a) {
        count(f, a, 2);
        JsonNode data = a.get(0);
        String text = data.isTextual() ? data.textValue() : Json.write(data);
        if (text.length() > MAX_STRING) {
            throw Intrinsics.failure(f, "the input data must not exceed " + MAX_STRING + " characters but has " + text.length());
        }
        String algorithm = string(f, a.get(1), "second");
        String jca = HASH_ALGORITHMS.get(algorithm);
        if (jca == null) {
            throw Intrinsics.failure(f, "the algorithm must be one of " + HASH_NAMES + " but was '" + algorithm + "'");
        }
        try {
            byte[] digest = MessageDigest.getInstance(jca).digest(text.getBytes(StandardCharsets.UTF_8));
            return Intrinsics.text(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + jca, e);
        }
    }

    private static JsonNode merge(String f, List<JsonNode> a) {
        count(f, a, 3);
        JsonNode left = a.get(0);
        JsonNode right = a.get(1);
        if (!left.isObject() || !right.isObject()) {
            throw Intrinsics.failure(f, "the first two arguments must be objects but were "
                    + Intrinsics.typeName(left) + " and " + Intrinsics.typeName(right));
        }
        JsonNode deep = a.get(2);
        if (!deep.isBoolean()) {
            throw Intrinsics.failure(f, "the third argument must be a boolean but was " + Intrinsics.typeName(deep));
        }
        if (deep.booleanValue()) {
            throw Intrinsics.failure(f, "only shallow merging is supported: the third argument must be false");
        }
        ObjectNode out = Json.shallowCopy((ObjectNode) left);
        out.setAll((ObjectNode) right);
        return out;
    }

    private static JsonNode random(String f, List<JsonNode> a) {
        if (a.size() != 2 && a.size() != 3) {
            throw Intrinsics.failure(f, "expected 2 or 3 arguments but got " + a.size());
        }
        long start = rounded(f, a.get(0), "first");
        long end = rounded(f, a.get(1), "second");
        if (end < start) {
            throw Intrinsics.failure(f, "the end number " + end + " is less than the start number " + start);
        }
        Random random = a.size() == 3 ? new Random(rounded(f, a.get(2), "third")) : ThreadLocalRandom.current();
        long value = start + (long) (random.nextDouble() * (end - start + 1));
        return JsonValues.integer(value);
    }

    private static JsonNode split(String f, List<JsonNode> a) {
        count(f, a, 2);
        String input = string(f, a.get(0), "first");
        String delimiters = string(f, a.get(1), "second");
        ArrayNode out = Intrinsics.array();
        int start = 0;
        for (int i = 0; i <= input.length(); i++) {
            if (i == input.length() || delimiters.indexOf(input.charAt(i)) >= 0) {
                if (i > start) {
                    out.add(input.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
