package dev.fanout.asl.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.internal.expr.Jsonata;
import dev.fanout.asl.internal.model.Common;
import dev.fanout.asl.internal.model.Dynamic;
import dev.fanout.asl.internal.model.Graph;
import dev.fanout.asl.internal.model.MapSpec;
import dev.fanout.asl.internal.model.MapState;
import dev.fanout.asl.internal.model.QueryLanguage;
import dev.fanout.asl.internal.model.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Map state: ItemProcessor (or the legacy Iterator) and the Distributed-mode fields. */
final class MapParser {
    /** AWS's recorded wording, trailing space included (LocalStack's test_sfn_api_validation snapshot). */
    static final String EXPRESS_CALLBACK = "Express state machine does not support '.waitForTaskToken' service "
            + "integration ";
    private static final Set<String> DISTRIBUTED_ONLY = Set.of("ItemReader", "ItemBatcher", "ResultWriter",
            "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount",
            "ToleratedFailureCountPath", "Label");
    private static final Set<String> READER_FIELDS = Set.of("Resource", "Parameters", "Arguments", "ReaderConfig");
    private static final Set<String> READER_CONFIG_FIELDS = Set.of("InputType", "CSVHeaderLocation", "CSVHeaders",
            "CSVDelimiter", "MaxItems", "MaxItemsPath");
    private static final Set<String> BATCHER_FIELDS = Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput");
    private static final Set<String> WRITER_FIELDS = Set.of("Resource", "Parameters", "Arguments", "WriterConfig");

    private final DefinitionParser graphs;
    private final Fields fields;
    private final ErrorHandlingParser errors;

    MapParser(DefinitionParser graphs, Fields fields, ErrorHandlingParser errors) {
        this.graphs = graphs;
        this.fields = fields;
        this.errors = errors;
    }

    private Problems problems() {
        return fields.problems();
    }

    State parse(Common common, JsonNode node, String where, QueryLanguage lang) {
        JsonNode processorNode = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
        String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (node.has("ItemProcessor") && node.has("Iterator")) {
            problems().schema("The fields 'ItemProcessor' and 'Iterator' are mutually exclusive", where);
        }
        if (node.has("ItemSelector") && node.has("Parameters")) {
            problems().schema("The fields 'ItemSelector' and 'Parameters' are mutually exclusive", where);
        }
        boolean distributed = false;
        boolean express = false;
        Graph processor = null;
        String at = where + "/" + processorField;
        if (processorNode == null || !processorNode.isObject()) {
            problems().schema("These fields are required: [ItemProcessor]", where);
        } else {
            JsonNode config = processorNode.get("ProcessorConfig");
            if (config != null) {
                String mode = fields.string(config, "Mode", at + "/ProcessorConfig");
                distributed = "DISTRIBUTED".equals(mode);
                if (mode != null && !distributed && !"INLINE".equals(mode)) {
                    problems().schema("The value for the field 'Mode' must be one of [INLINE, DISTRIBUTED]",
                            at + "/ProcessorConfig/Mode");
                }
                String type = fields.string(config, "ExecutionType", at + "/ProcessorConfig");
                express = "EXPRESS".equals(type);
                if (distributed && type == null) {
                    problems().schema("These fields are required: [ExecutionType]", at + "/ProcessorConfig");
                } else if (type != null && !express && !"STANDARD".equals(type)) {
                    problems().schema("The value for the field 'ExecutionType' must be one of [STANDARD, EXPRESS]",
                            at + "/ProcessorConfig/ExecutionType");
                }
            }
            processor = graphs.graph(processorNode, at, lang, null);
            if (express && !graphs.express()) { // an EXPRESS machine reports each of its tasks itself
                rejectCallbacks(processor, at);
            }
        }
        if (!distributed) {
            for (String f : DISTRIBUTED_ONLY) {
                if (node.has(f)) {
                    problems().schema("The field '" + f + "' is only supported in a Map state in DISTRIBUTED mode",
                            where);
                }
            }
        }
        Dynamic items = lang == QueryLanguage.JSONPATH ? new Dynamic(null, pathOrNull(node, "ItemsPath", where), "ItemsPath")
                : new Dynamic(fields.jsonata(node, "Items", where), null, "Items");
        JsonNode selector = selector(node, where, lang);
        Dynamic maxConcurrency = fields.dynamicNumber(node, "MaxConcurrency", where, lang, 0, 2_147_483_647, true);
        Dynamic pct = fields.dynamicNumber(node, "ToleratedFailurePercentage", where, lang, 0, 100, false);
        Dynamic count = fields.dynamicNumber(node, "ToleratedFailureCount", where, lang, 0, 2_147_483_647, true);
        MapSpec.ItemReaderSpec reader = node.has("ItemReader") ? reader(node.get("ItemReader"), where + "/ItemReader", lang) : null;
        MapSpec.ItemBatcherSpec batcher = node.has("ItemBatcher") ? batcher(node.get("ItemBatcher"), where + "/ItemBatcher", lang) : null;
        MapSpec.ResultWriterSpec writer = node.has("ResultWriter") ? writer(node.get("ResultWriter"), where + "/ResultWriter", lang) : null;
        String label = fields.string(node, "Label", where);
        MapSpec spec = new MapSpec(distributed, express, items, selector, maxConcurrency, pct, count, reader, batcher,
                writer, label);
        var eh = errors.parse(node, where, lang);
        return processor == null ? null : new MapState(common, spec, processor, eh);
    }

    /** Express child workflows cannot wait for a task token (AWS rejects the definition). */
    private void rejectCallbacks(Graph g, String where) {
        for (State s : g.states().values()) {
            if (s instanceof dev.fanout.asl.internal.model.TaskState t && t.resource().waitForToken()) {
                problems().schema(EXPRESS_CALLBACK, where + "/States/" + s.name() + "/Resource");
            } else if (s instanceof dev.fanout.asl.internal.model.ParallelState p) {
                p.branches().forEach(b -> rejectCallbacks(b, where + "/States/" + s.name()));
            } else if (s instanceof MapState m && !m.spec().distributed()) {
                rejectCallbacks(m.processor(), where + "/States/" + s.name() + "/ItemProcessor");
            }
        }
    }

    private String pathOrNull(JsonNode node, String field, String where) {
        return fields.path(node, field, where);
    }

    private JsonNode selector(JsonNode node, String where, QueryLanguage lang) {
        String field = node.has("Parameters") ? "Parameters" : "ItemSelector";
        if (lang == QueryLanguage.JSONATA) {
            return fields.jsonata(node, field, where);
        }
        return fields.template(node, field, where);
    }

    private JsonNode parameters(JsonNode node, String where, QueryLanguage lang) {
        return lang == QueryLanguage.JSONATA ? fields.jsonata(node, "Arguments", where)
                : fields.template(node, "Parameters", where);
    }

    private MapSpec.ItemReaderSpec reader(JsonNode node, String where, QueryLanguage lang) {
        if (!node.isObject()) {
            problems().schema("The value for the field 'ItemReader' must be an OBJECT", where);
            return null;
        }
        graphs.unknown(node, READER_FIELDS, where);
        String resource = fields.requiredString(node, "Resource", where);
        if (resource != null && !resource.matches("arn:aws[a-z-]*:states:::s3:getObject")) {
            problems().add("UNSUPPORTED_FEATURE", "ItemReader resource " + resource + " is not supported by this "
                    + "engine (supported: arn:aws:states:::s3:getObject)", where + "/Resource");
        }
        JsonNode params = parameters(node, where, lang);
        if (params == null) {
            problems().schema("These fields are required: [" + (lang == QueryLanguage.JSONATA ? "Arguments" : "Parameters")
                    + "]", where);
        }
        JsonNode config = node.get("ReaderConfig");
        MapSpec.InputType type = MapSpec.InputType.JSON;
        boolean firstRow = true;
        List<String> headers = null;
        String delimiter = ",";
        Dynamic maxItems = Dynamic.none("MaxItems");
        if (config != null) {
            String cw = where + "/ReaderConfig";
            graphs.unknown(config, READER_CONFIG_FIELDS, cw);
            String it = fields.string(config, "InputType", cw);
            if (it != null) {
                try {
                    type = MapSpec.InputType.valueOf(it);
                } catch (IllegalArgumentException e) {
                    problems().add("UNSUPPORTED_FEATURE", "InputType " + it + " is not supported by this engine "
                            + "(supported: JSON, JSONL, CSV)", cw + "/InputType");
                }
            }
            String loc = fields.string(config, "CSVHeaderLocation", cw);
            firstRow = loc == null || loc.equals("FIRST_ROW");
            if (loc != null && !firstRow && !loc.equals("GIVEN")) {
                problems().schema("The value for the field 'CSVHeaderLocation' must be one of [FIRST_ROW, GIVEN]",
                        cw + "/CSVHeaderLocation");
            }
            JsonNode h = config.get("CSVHeaders");
            if (h != null && h.isArray()) {
                headers = new ArrayList<>();
                for (JsonNode e : h) {
                    headers.add(e.asText());
                }
            }
            if (!firstRow && headers == null) {
                problems().schema("CSVHeaders is required when CSVHeaderLocation is GIVEN", cw);
            }
            delimiter = delimiter(fields.string(config, "CSVDelimiter", cw), cw);
            maxItems = fields.dynamicNumber(config, "MaxItems", cw, lang, 0, 100_000_000, true);
        }
        return new MapSpec.ItemReaderSpec(params, type, firstRow, headers, delimiter, maxItems);
    }

    private String delimiter(String name, String where) {
        if (name == null) {
            return ",";
        }
        return switch (name) {
            case "COMMA" -> ",";
            case "PIPE" -> "|";
            case "SEMICOLON" -> ";";
            case "SPACE" -> " ";
            case "TAB" -> "\t";
            default -> {
                problems().schema("The value for the field 'CSVDelimiter' must be one of [COMMA, PIPE, SEMICOLON, "
                        + "SPACE, TAB]", where + "/CSVDelimiter");
                yield ",";
            }
        };
    }

    private MapSpec.ItemBatcherSpec batcher(JsonNode node, String where, QueryLanguage lang) {
        if (!node.isObject()) {
            problems().schema("The value for the field 'ItemBatcher' must be an OBJECT", where);
            return null;
        }
        graphs.unknown(node, BATCHER_FIELDS, where);
        Dynamic maxItems = fields.dynamicNumber(node, "MaxItemsPerBatch", where, lang, 1, 100_000_000, true);
        Dynamic maxBytes = fields.dynamicNumber(node, "MaxInputBytesPerBatch", where, lang, 1, 262_144, true);
        if (!maxItems.present() && !maxBytes.present()) {
            problems().schema("ItemBatcher requires at least one of [MaxItemsPerBatch, MaxInputBytesPerBatch]", where);
        }
        JsonNode batchInput = node.get("BatchInput");
        if (batchInput != null) {
            if (lang == QueryLanguage.JSONATA) {
                problems().addAll(Jsonata.validate(batchInput, where + "/BatchInput"));
            } else {
                batchInput = fields.template(node, "BatchInput", where);
            }
        }
        return new MapSpec.ItemBatcherSpec(maxItems, maxBytes, batchInput);
    }

    private MapSpec.ResultWriterSpec writer(JsonNode node, String where, QueryLanguage lang) {
        if (!node.isObject()) {
            problems().schema("The value for the field 'ResultWriter' must be an OBJECT", where);
            return null;
        }
        if (node.has("WriterConfig")) {
            problems().add("UNSUPPORTED_FEATURE", "ResultWriter WriterConfig is not supported by this engine", where);
        }
        graphs.unknown(node, WRITER_FIELDS, where);
        String resource = fields.requiredString(node, "Resource", where);
        if (resource != null && !resource.matches("arn:aws[a-z-]*:states:::s3:putObject")) {
            problems().add("UNSUPPORTED_FEATURE", "ResultWriter resource " + resource + " is not supported by this "
                    + "engine (supported: arn:aws:states:::s3:putObject)", where + "/Resource");
        }
        JsonNode params = parameters(node, where, lang);
        if (params == null) {
            problems().schema("These fields are required: [" + (lang == QueryLanguage.JSONATA ? "Arguments" : "Parameters")
                    + "]", where);
        }
        return new MapSpec.ResultWriterSpec(params);
    }
}
