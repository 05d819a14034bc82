package dev.fanout.core.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.internal.ChunkSizing;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.ObjectPrefix;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates a {@code POST /jobs} body field by field; every problem is an InvalidRequestException naming the field. */
final class RequestParser {
    private static final Set<String> FIELDS = Set.of("jobType", "input", "chunkSizeBytes", "chunkSizeItems",
            "maxConcurrency", "toleratedFailurePercentage", "clientToken", "options");
    private static final Set<String> INPUT_FIELDS = Set.of("s3Uri", "s3Prefix", "items");
    private static final Pattern CLIENT_TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Exact numbers (1.50 stays 1.50), duplicate keys and trailing content rejected. */
    private static final ObjectReader READER = Json.mapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    /**
     * A syntactically valid request.
     *
     * @param s3Input  the input object, or null
     * @param s3Prefix the input objects' prefix, or null
     * @param items    the inline items (a JSON array), or null
     */
    record Parsed(Job<?> job, ObjectLocation s3Input, JsonNode items, Long chunkSizeBytes, Integer chunkSizeItems,
                  Integer maxConcurrency, double toleratedFailurePercentage, String clientToken,
                  Map<String, String> options, ObjectPrefix s3Prefix) {
    }

    private final JobRegistry jobs;
    private final PipelineSettings settings;

    RequestParser(JobRegistry jobs, PipelineSettings settings) {
        this.jobs = jobs;
        this.settings = settings;
    }

    Parsed parse(String body) {
        JsonNode root = readBody(body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidRequestException(name, "unknown field; allowed: jobType, input, chunkSizeBytes, "
                        + "chunkSizeItems, maxConcurrency, toleratedFailurePercentage, clientToken, options");
            }
        }
        Job<?> job = jobs.require(requiredString(root, "jobType"));
        JsonNode input = root.get("input");
        if (input == null || !input.isObject()) {
            throw new InvalidRequestException("input", "is required: {\"s3Uri\": \"s3://...\"}, "
                    + "{\"s3Prefix\": \"s3://.../\"} or {\"items\": [...]}");
        }
        Long chunkSizeBytes = wholeNumber(root, "chunkSizeBytes");
        Long chunkSizeItems = wholeNumber(root, "chunkSizeItems");
        ChunkSizing.textChunkSize(chunkSizeBytes, settings);
        if (chunkSizeItems != null && (chunkSizeItems < 1 || chunkSizeItems > settings.limits().maxChunkSizeItems())) {
            throw new InvalidRequestException("chunkSizeItems", "must be between 1 and "
                    + settings.limits().maxChunkSizeItems() + ", was " + chunkSizeItems);
        }
        Long maxConcurrency = wholeNumber(root, "maxConcurrency");
        if (maxConcurrency != null && (maxConcurrency < 1 || maxConcurrency > settings.maxConcurrency())) {
            throw new InvalidRequestException("maxConcurrency", "must be between 1 and " + settings.maxConcurrency()
                    + " (this deployment's cap), was " + maxConcurrency);
        }
        double tolerated = toleratedFailurePercentage(root);
        String clientToken = clientToken(root);
        Map<String, String> options = job.validateOptions(options(root));
        ObjectLocation s3Input = null;
        ObjectPrefix s3Prefix = null;
        JsonNode items = null;
        checkInputFields(input);
        int given = (input.has("s3Uri") ? 1 : 0) + (input.has("s3Prefix") ? 1 : 0) + (input.has("items") ? 1 : 0);
        if (given != 1) {
            throw new InvalidRequestException("input", "give exactly one of input.s3Uri, input.s3Prefix and "
                    + "input.items");
        }
        if (input.has("s3Uri")) {
            s3Input = s3Uri(input.get("s3Uri"));
        } else if (input.has("s3Prefix")) {
            s3Prefix = s3Prefix(input.get("s3Prefix"), job);
        } else {
            items = items(input.get("items"), job);
        }
        return new Parsed(job, s3Input, items, chunkSizeBytes,
                chunkSizeItems == null ? null : chunkSizeItems.intValue(),
                maxConcurrency == null ? null : maxConcurrency.intValue(), tolerated, clientToken, options, s3Prefix);
    }

    private JsonNode readBody(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("body", "is empty; expected a JSON object");
        }
        if (body.length() > settings.limits().maxRequestBytes() || utf8Length(body) > settings.limits().maxRequestBytes()) {
            throw new InvalidRequestException("body", "is larger than " + settings.limits().maxRequestBytes()
                    + " bytes; put big inputs in S3 and give input.s3Uri");
        }
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InvalidRequestException("body", "is not valid JSON" + where);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        return root;
    }

    private static long utf8Length(String s) {
        return s.getBytes(UTF_8).length;
    }

    private static String requiredString(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new InvalidRequestException(field, "must be a non-empty string");
        }
        return node.asText();
    }

    private static Long wholeNumber(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidRequestException(field, "must be a whole number");
        }
        return node.longValue();
    }

    private static double toleratedFailurePercentage(JsonNode root) {
        JsonNode node = root.get("toleratedFailurePercentage");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isNumber() || node.doubleValue() < 0 || node.doubleValue() > 100) {
            throw new InvalidRequestException("toleratedFailurePercentage", "must be a number from 0 to 100");
        }
        return node.doubleValue();
    }

    private static String clientToken(JsonNode root) {
        JsonNode node = root.get("clientToken");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !CLIENT_TOKEN.matcher(node.asText()).matches()) {
            throw new InvalidRequestException("clientToken", "must be 1 to 64 characters of A-Z, a-z, 0-9, '-', '_' "
                    + "and '.'");
        }
        return node.asText();
    }

    private static Map<String, String> options(JsonNode root) {
        JsonNode node = root.get("options");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("options", "must be an object of string values");
        }
        if (utf8Length(node.toString()) > Limits.MAX_OPTIONS_BYTES) {
            // the options travel in every chunk descriptor, a Distributed Map item and SQS message of at most 256 KiB
            throw new InvalidRequestException("options", "are larger than " + Limits.MAX_OPTIONS_BYTES
                    + " bytes as JSON");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new InvalidRequestException("options." + e.getKey(), "must be a string");
            }
            options.put(e.getKey(), e.getValue().asText());
        }
        return options;
    }

    private static void checkInputFields(JsonNode input) {
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!INPUT_FIELDS.contains(name)) {
                throw new InvalidRequestException("input." + name, "unknown field; allowed: s3Uri, s3Prefix, items");
            }
        }
    }

    private ObjectLocation s3Uri(JsonNode node) {
        if (!node.isTextual()) {
            throw new InvalidRequestException("input.s3Uri", "must be a string s3://bucket/key");
        }
        ObjectLocation location = ObjectLocation.parseUri(node.asText(), "input.s3Uri");
        if (!location.bucket().equals(settings.inputBucket())) {
            throw new InvalidRequestException("input.s3Uri", "must be in the input bucket s3://"
                    + settings.inputBucket() + "/");
        }
        return location;
    }

    private ObjectPrefix s3Prefix(JsonNode node, Job<?> job) {
        if (!node.isTextual()) {
            throw new InvalidRequestException("input.s3Prefix", "must be a string s3://bucket/prefix");
        }
        ObjectPrefix prefix = ObjectPrefix.parseUri(node.asText(), "input.s3Prefix");
        if (!prefix.bucket().equals(settings.inputBucket())) {
            throw new InvalidRequestException("input.s3Prefix", "must be in the input bucket s3://"
                    + settings.inputBucket() + "/");
        }
        if (job.inputFormat() == InputFormat.JSON_ARRAY) {
            throw new InvalidRequestException("input.s3Prefix", "job type '" + job.name() + "' reads one JSON "
                    + "array: give input.s3Uri or input.items");
        }
        return prefix;
    }

    private JsonNode items(JsonNode node, Job<?> job) {
        if (!node.isArray()) {
            throw new InvalidRequestException("input.items", "must be a JSON array");
        }
        if (job.inputFormat() != InputFormat.JSON_ARRAY) {
            throw new InvalidRequestException("input.items", "job type '" + job.name()
                    + "' reads text, not a JSON array; give input.s3Uri");
        }
        if (node.size() > settings.limits().maxInlineItems()) {
            throw new InvalidRequestException("input.items", "has " + node.size() + " items; at most "
                    + settings.limits().maxInlineItems() + " are allowed inline, put bigger inputs in S3");
        }
        return node;
    }
}
