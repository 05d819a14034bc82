package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.internal.expr.JsonPathSupport;
import dev.fanout.asl.internal.expr.Jsonata;
import dev.fanout.asl.internal.model.MapSpec;
import dev.fanout.asl.port.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Distributed Map's ItemReader: a JSON array, JSON Lines or CSV object read through the S3 port. */
final class ItemSource {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final EngineCore engine;

    ItemSource(EngineCore engine) {
        this.engine = engine;
    }

    ArrayNode read(MapSpec.ItemReaderSpec spec, StateRun run, JsonNode input) {
        JsonNode params = run.jsonata() ? Jsonata.evaluate(spec.parameters(), run.jb(null, null), "ItemReader/Arguments")
                : JsonPathSupport.evaluateTemplate(spec.parameters(), run.ec(input));
        String bucket = params.path("Bucket").asText(null);
        String key = params.path("Key").asText(null);
        if (bucket == null || key == null) {
            throw new StatesError(StatesError.ITEM_READER_FAILED, "The ItemReader parameters must contain 'Bucket' "
                    + "and 'Key', but were " + params);
        }
        ObjectStore s3 = engine.integrations().s3();
        if (s3 == null) {
            throw StatesError.runtime("No S3 integration is configured: the engine was built without an ObjectStore "
                    + "(Integrations.withS3)");
        }
        Optional<byte[]> body;
        try {
            body = s3.get(bucket, key);
        } catch (RuntimeException e) {
            throw new StatesError(StatesError.ITEM_READER_FAILED, "S3 getObject failed for s3://" + bucket + "/" + key
                    + ": " + e.getMessage());
        }
        if (body.isEmpty()) {
            throw new StatesError(StatesError.ITEM_READER_FAILED, "The specified key does not exist. (Service: S3, "
                    + "Status Code: 404, Bucket: " + bucket + ", Key: " + key + ")");
        }
        return parse(spec, run, input, new String(body.get(), StandardCharsets.UTF_8), bucket, key);
    }

    /** The items of an ItemReader's object text (TestState's mapItemReaderData, or the S3 object). */
    ArrayNode parse(MapSpec.ItemReaderSpec spec, StateRun run, JsonNode input, String text, String bucket,
                    String key) {
        Long maxItems = Dynamics.integer(spec.maxItems(), run, input, 0, 100_000_000);
        ArrayNode items = switch (spec.inputType()) {
            case JSON -> json(text, bucket, key);
            case JSONL -> jsonLines(text, bucket, key);
            case CSV -> csv(text, spec);
        };
        if (maxItems != null && maxItems > 0 && items.size() > maxItems) {
            ArrayNode limited = NODES.arrayNode();
            for (int i = 0; i < maxItems; i++) {
                limited.add(items.get(i));
            }
            return limited;
        }
        return items;
    }

    private static ArrayNode json(String text, String bucket, String key) {
        JsonNode node;
        try {
            node = Payloads.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StatesError(StatesError.ITEM_READER_FAILED, "The object s3://" + bucket + "/" + key
                    + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isArray()) {
            throw new StatesError(StatesError.ITEM_READER_FAILED, "The object s3://" + bucket + "/" + key
                    + " must contain a JSON array");
        }
        return (ArrayNode) node;
    }

    private static ArrayNode jsonLines(String text, String bucket, String key) {
        ArrayNode out = NODES.arrayNode();
        int line = 0;
        for (String l : text.split("\r?\n")) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            try {
                out.add(Payloads.MAPPER.readTree(l));
            } catch (JsonProcessingException e) {
                throw new StatesError(StatesError.ITEM_READER_FAILED, "Line " + line + " of s3://" + bucket + "/" + key
                        + " is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return out;
    }

    private static ArrayNode csv(String text, MapSpec.ItemReaderSpec spec) {
        List<List<String>> rows = Csv.parse(text, spec.csvDelimiter().charAt(0));
        List<String> headers = spec.csvHeaderFromFirstRow() ? (rows.isEmpty() ? List.of() : rows.get(0))
                : spec.csvHeaders();
        ArrayNode out = NODES.arrayNode();
        for (int r = spec.csvHeaderFromFirstRow() ? 1 : 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != headers.size()) {
                throw new StatesError(StatesError.ITEM_READER_FAILED, "CSV row " + (r + 1) + " has " + row.size()
                        + " fields, but there are " + headers.size() + " headers");
            }
            ObjectNode o = out.addObject();
            for (int c = 0; c < headers.size(); c++) {
                o.put(headers.get(c), row.get(c));
            }
        }
        return out;
    }
}
