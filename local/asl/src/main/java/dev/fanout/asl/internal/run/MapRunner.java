package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.MapRunStatus;
import dev.fanout.asl.internal.expr.EvalContext;
import dev.fanout.asl.internal.expr.JsonPathSupport;
import dev.fanout.asl.internal.expr.Jsonata;
import dev.fanout.asl.internal.expr.JsonataBindings;
import dev.fanout.asl.internal.model.MapSpec;
import dev.fanout.asl.internal.model.MapState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The Map state. INLINE: iterations inside this execution, at most 40 at once by default. DISTRIBUTED: items from
 * the input or an ItemReader, optionally batched, each run as a child execution tracked by a Map Run, with
 * tolerated failures and an optional ResultWriter. Results keep the item order.
 */
final class MapRunner {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int INLINE_DEFAULT_CONCURRENCY = 40;
    private static final int DISTRIBUTED_DEFAULT_CONCURRENCY = 10_000;

    private final EngineCore engine;
    private final Interpreter interpreter;
    private final ItemSource reader;
    private final ResultExport writer;

    MapRunner(EngineCore engine, Interpreter interpreter) {
        this.engine = engine;
        this.interpreter = interpreter;
        this.reader = new ItemSource(engine);
        this.writer = new ResultExport(engine);
    }

    JsonNode run(MapState m, StateRun run) throws InterruptedException {
        MapSpec spec = m.spec();
        JsonNode input = run.jsonata() ? run.raw : run.inputPath();
        ArrayNode items = spec.reader() != null ? reader.read(spec.reader(), run, input) : items(spec, run, input);
        Long mc = Dynamics.integer(spec.maxConcurrency(), run, input, 0, Integer.MAX_VALUE);
        int maxConcurrency = mc == null ? 0 : mc.intValue();
        HistoryLog log = run.frame.execution().log();
        log.add(run.frame.lane(), "MapStateStarted", "mapStateStartedEventDetails", "length", items.size());
        try {
            JsonNode result = spec.distributed() ? distributed(m, run, input, items, maxConcurrency)
                    : inline(m, run, input, items, maxConcurrency);
            log.add(run.frame.lane(), "MapStateSucceeded", null);
            return run.finish(result);
        } catch (StatesError e) {
            log.add(run.frame.lane(), "MapStateFailed", null);
            throw e;
        }
    }

    private static ArrayNode items(MapSpec spec, StateRun run, JsonNode input) {
        JsonNode items;
        String field;
        if (run.jsonata()) {
            field = "Items";
            items = spec.items().literal() == null ? run.raw : Jsonata.evaluate(spec.items().literal(), run.jb(null, null));
        } else {
            field = "ItemsPath";
            String path = spec.items().path() == null ? "$" : spec.items().path();
            items = JsonPathSupport.read(path, run.ec(input), "ItemsPath");
        }
        if (!items.isArray()) {
            throw StatesError.runtime("The value for the field '" + field + "' must be a JSON array, but was "
                    + items.getNodeType().name().toLowerCase() + ": " + items);
        }
        return (ArrayNode) items;
    }

    /** ItemSelector (or legacy Parameters) for one item, seeing {@code $$.Map.Item.Index/Value}. */
    private static JsonNode select(MapSpec spec, StateRun run, JsonNode input, int index, JsonNode item) {
        if (spec.itemSelector() == null) {
            return item;
        }
        ObjectNode context = NODES.objectNode();
        JsonNode base = run.context();
        if (base.isObject()) {
            context.setAll((ObjectNode) base);
        }
        ObjectNode mapItem = context.putObject("Map").putObject("Item");
        mapItem.put("Index", index);
        mapItem.set("Value", item);
        if (run.jsonata()) {
            return Jsonata.evaluate(spec.itemSelector(), new JsonataBindings(run.raw, context, null, null,
                    run.frame.scope().variables()));
        }
        return JsonPathSupport.evaluateTemplate(spec.itemSelector(),
                new EvalContext(input, context, run.frame.scope().variables()));
    }

    private JsonNode inline(MapState m, StateRun run, JsonNode input, ArrayNode items, int maxConcurrency)
            throws InterruptedException {
        int workers = maxConcurrency == 0 ? INLINE_DEFAULT_CONCURRENCY : maxConcurrency;
        Frame outer = run.frame;
        JsonNode[] results = Fork.run(engine.executor(), items.size(), workers, i -> {
            Frame frame = outer.inner();
            HistoryLog log = frame.execution().log();
            JsonNode iterationInput = select(m.spec(), run, input, i, items.get(i));
            log.add(frame.lane(), "MapIterationStarted", "mapIterationStartedEventDetails", "name", m.name(),
                    "index", i);
            try {
                JsonNode out = interpreter.runGraph(m.processor(), iterationInput, frame);
                log.add(frame.lane(), "MapIterationSucceeded", "mapIterationSucceededEventDetails", "name", m.name(),
                        "index", i);
                return out;
            } catch (StatesError e) {
                log.add(frame.lane(), "MapIterationFailed", "mapIterationFailedEventDetails", "name", m.name(),
                        "index", i);
                throw e;
            }
        });
        return toArray(results);
    }

    private JsonNode distributed(MapState m, StateRun run, JsonNode input, ArrayNode items, int maxConcurrency)
            throws InterruptedException {
        MapSpec spec = m.spec();
        List<JsonNode> childInputs = childInputs(spec, run, input, items);
        Double pct = Dynamics.number(spec.toleratedFailurePercentage(), run, input, 0, 100);
        Long count = Dynamics.integer(spec.toleratedFailureCount(), run, input, 0, Integer.MAX_VALUE);
        ExecutionImpl parent = run.frame.execution();
        String smName = parent.contextStateMachine().path("Name").asText();
        String mapRunId = UUID.randomUUID().toString();
        String label = spec.label() != null ? spec.label() : m.name();
        String mapRunArn = "arn:aws:states:" + engine.region() + ":" + engine.accountId() + ":mapRun:" + smName + "/"
                + label + ":" + mapRunId;
        int total = childInputs.size();
        MapRunImpl mapRun = new MapRunImpl(mapRunArn, parent.arn(), engine.clock().now(), maxConcurrency,
                pct == null ? 0 : pct, count == null ? 0 : count, total);
        parent.addMapRun(mapRun);
        HistoryLog log = parent.log();
        log.add(run.frame.lane(), "MapRunStarted", "mapRunStartedEventDetails", "mapRunArn", mapRunArn);
        ExecutionImpl[] children = new ExecutionImpl[total];
        int workers = maxConcurrency == 0 ? DISTRIBUTED_DEFAULT_CONCURRENCY : maxConcurrency;
        Tolerance tolerance = new Tolerance(pct, count, total);
        try {
            Fork.run(engine.executor(), total, Math.min(workers, total), i -> {
                String childName = UUID.randomUUID().toString();
                String childArn = "arn:aws:states:" + engine.region() + ":" + engine.accountId() + ":execution:"
                        + smName + "/" + mapRunId + ":" + childName;
                ExecutionImpl child = new ExecutionImpl(engine, m.processor(), childArn, childName,
                        parent.stateMachineArn(), smName, parent.roleArn(), childInputs.get(i));
                children[i] = child;
                mapRun.childStarted();
                child.runHere();
                mapRun.childEnded(child.status());
                if (child.status() != ExecutionStatus.SUCCEEDED && tolerance.exceeded(mapRun.failedCount())) {
                    throw new StatesError(StatesError.TOLERATED_FAILURE,
                            "The specified tolerated failure threshold was exceeded");
                }
                return NullNode.getInstance();
            });
        } catch (StatesError e) {
            if (spec.writer() != null && StatesError.TOLERATED_FAILURE.equals(e.error())) {
                // a failed Map Run still exports what its children did, as on AWS
                writer.write(spec.writer(), run, input, mapRunArn, mapRunId, Arrays.asList(children));
            }
            mapRun.end(MapRunStatus.FAILED, engine.clock().now());
            log.add(run.frame.lane(), "MapRunFailed", "mapRunFailedEventDetails", "error", e.error(), "cause",
                    e.cause());
            throw e;
        } catch (InterruptedException | Aborted e) {
            mapRun.end(MapRunStatus.ABORTED, engine.clock().now());
            throw e;
        }
        JsonNode result;
        if (spec.writer() != null) {
            result = writer.write(spec.writer(), run, input, mapRunArn, mapRunId, Arrays.asList(children));
            mapRun.resultsWritten(total);
        } else {
            ArrayNode out = NODES.arrayNode(total);
            for (ExecutionImpl c : children) {
                out.add(c.status() == ExecutionStatus.SUCCEEDED ? c.outputNode() : ResultExport.record(c));
            }
            result = out;
        }
        mapRun.end(MapRunStatus.SUCCEEDED, engine.clock().now());
        log.add(run.frame.lane(), "MapRunSucceeded", null);
        return result;
    }

    /** ItemSelector per item, then ItemBatcher's batches {@code {"BatchInput":..., "Items":[...]}}. */
    private static List<JsonNode> childInputs(MapSpec spec, StateRun run, JsonNode input, ArrayNode items) {
        List<JsonNode> selected = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            selected.add(select(spec, run, input, i, items.get(i)));
        }
        if (spec.batcher() == null) {
            return selected;
        }
        MapSpec.ItemBatcherSpec b = spec.batcher();
        Long maxItems = Dynamics.integer(b.maxItemsPerBatch(), run, input, 1, 100_000_000);
        Long maxBytes = Dynamics.integer(b.maxInputBytesPerBatch(), run, input, 1, Payloads.LIMIT);
        JsonNode batchInput = b.batchInput() == null ? null : run.jsonata()
                ? Jsonata.evaluate(b.batchInput(), run.jb(null, null))
                : JsonPathSupport.evaluateTemplate(b.batchInput(), run.ec(input));
        List<JsonNode> batches = new ArrayList<>();
        ArrayNode current = NODES.arrayNode();
        long bytes = 0;
        for (JsonNode item : selected) {
            long size = maxBytes == null ? 0 : Payloads.size(item) + 1;
            boolean full = !current.isEmpty() && ((maxItems != null && current.size() >= maxItems)
                    || (maxBytes != null && bytes + size > maxBytes));
            if (full) {
                batches.add(batch(batchInput, current));
                current = NODES.arrayNode();
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(batch(batchInput, current));
        }
        return batches;
    }

    private static JsonNode batch(JsonNode batchInput, ArrayNode items) {
        ObjectNode o = NODES.objectNode();
        if (batchInput != null) {
            o.set("BatchInput", batchInput);
        }
        o.set("Items", items);
        return o;
    }

    private static ArrayNode toArray(JsonNode[] results) {
        ArrayNode out = NODES.arrayNode(results.length);
        for (JsonNode r : results) {
            out.add(r);
        }
        return out;
    }

    /** ToleratedFailurePercentage/Count; with neither, one failure is too many. */
    private record Tolerance(Double pct, Long count, int total) {
        boolean exceeded(long failed) {
            if (pct == null && count == null) {
                return failed > 0;
            }
            return (count != null && failed > count) || (pct != null && failed * 100.0 / total > pct);
        }
    }
}
