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
        if (run.probe() != null) {
            return tested(m, run, input);
        }
        HistoryLog log = run.frame.execution().log();
        MapRunImpl priorRun = spec.distributed() ? redrivableRun(run) : null;
        try {
            JsonNode result;
            if (priorRun != null) {
                log.add(run.frame.lane(), "MapStateStarted", "mapStateStartedEventDetails", "length",
                        priorRun.itemTotal());
                result = redriveRun(m, run, input, priorRun);
            } else {
                ArrayNode items = spec.reader() != null ? reader.read(spec.reader(), run, input)
                        : items(spec, run, input);
                Long mc = Dynamics.integer(spec.maxConcurrency(), run, input, 0, Integer.MAX_VALUE);
                int maxConcurrency = mc == null ? 0 : mc.intValue();
                log.add(run.frame.lane(), "MapStateStarted", "mapStateStartedEventDetails", "length", items.size());
                result = spec.distributed() ? distributed(m, run, input, items, maxConcurrency)
                        : inline(m, run, input, items, maxConcurrency);
            }
            log.add(run.frame.lane(), "MapStateSucceeded", null);
            return run.finish(result);
        } catch (StatesError e) {
            log.add(run.frame.lane(), "MapStateFailed", null);
            throw e;
        }
    }

    /**
     * The Map Run a redrive reruns. AWS starts a new one instead when the Map state failed with States.Runtime
     * (a JSON interpolation error) or States.DataLimitExceeded (redrive-map-run.html).
     */
    private static MapRunImpl redrivableRun(StateRun run) {
        String error = run.priorError();
        MapRunImpl prior = run.takePrior(MapRunImpl.class);
        return StatesError.RUNTIME.equals(error) ? null : prior;
    }

    /**
     * TestState of a Map (with a mock, as AWS requires): the items, ItemSelector, ItemBatcher, concurrency and
     * tolerated failures as the inspection data shows them; {@code mapIterationFailureCount} is checked against the
     * tolerated failures; the mock is the Map's result.
     */
    private JsonNode tested(MapState m, StateRun run, JsonNode input) {
        Probe p = run.probe();
        if (p.mock == null) {
            throw new IllegalArgumentException("TestState runs a Map state only with a mock");
        }
        MapSpec spec = m.spec();
        ArrayNode items;
        if (spec.reader() != null) {
            String data = p.config == null ? null : p.config.mapItemReaderData();
            if (data == null) {
                throw new IllegalArgumentException("TestState of a Map state with an ItemReader needs "
                        + "stateConfiguration.mapItemReaderData");
            }
            items = reader.parse(spec.reader(), run, input, data, "mapItemReaderData", "");
        } else {
            items = items(spec, run, input);
        }
        p.afterItemsPath = items;
        if (spec.itemSelector() != null) {
            ArrayNode selected = NODES.arrayNode(items.size());
            for (int i = 0; i < items.size(); i++) {
                selected.add(select(spec, run, input, i, items.get(i)));
            }
            p.afterItemSelector = selected;
        }
        if (spec.batcher() != null) {
            ArrayNode batches = NODES.arrayNode();
            childInputs(spec, run, input, items).forEach(batches::add);
            p.afterItemBatcher = batches;
        }
        Long mc = Dynamics.integer(spec.maxConcurrency(), run, input, 0, Integer.MAX_VALUE);
        p.maxConcurrency = mc == null ? null : mc.intValue();
        Double pct = Dynamics.number(spec.toleratedFailurePercentage(), run, input, 0, 100);
        Long count = Dynamics.integer(spec.toleratedFailureCount(), run, input, 0, Integer.MAX_VALUE);
        p.toleratedFailurePercentage = pct;
        p.toleratedFailureCount = count;
        Integer failures = p.config == null ? null : p.config.mapIterationFailureCount();
        if (failures != null && failures > 0
                && new MapRunImpl.Tolerance(pct, count, Math.max(1, items.size())).exceeded(failures)) {
            throw new StatesError(StatesError.TOLERATED_FAILURE,
                    "The specified tolerated failure threshold was exceeded");
        }
        return run.finish(p.mockedResult());
    }

    /** JSONata without Items: the state input is the array. */
    private static ArrayNode inputItems(JsonNode raw) {
        if (!raw.isArray()) {
            // AWS's cause for a non-array input without Items is not recorded anywhere we know
            throw new StatesError(StatesError.QUERY_EVALUATION, "The input of the Map state must be a JSON array "
                    + "when it has no 'Items', but was " + raw.getNodeType().name().toLowerCase() + ": " + raw);
        }
        return (ArrayNode) raw;
    }

    private static ArrayNode items(MapSpec spec, StateRun run, JsonNode input) {
        JsonNode items;
        String field;
        if (run.jsonata()) {
            return spec.items().literal() == null ? inputItems(run.raw)
                    : Jsonata.items(spec.items().literal(), run.jb(null, null));
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
                    run.frame.scope().variables()), "ItemSelector");
        }
        return JsonPathSupport.evaluateTemplate(spec.itemSelector(),
                new EvalContext(input, context, run.frame.scope().variables()));
    }

    private JsonNode inline(MapState m, StateRun run, JsonNode input, ArrayNode items, int maxConcurrency)
            throws InterruptedException {
        int workers = maxConcurrency == 0 ? INLINE_DEFAULT_CONCURRENCY : maxConcurrency;
        Frame outer = run.frame;
        int n = items.size();
        BranchMemory prior = run.takePrior(BranchMemory.class);
        BranchMemory now = BranchMemory.resumeOrFresh(prior, n);
        run.memory(now);
        JsonNode[] results = Fork.run(engine.executor(), workers, i -> {
            if (now.results()[i] != null) {
                return now.results()[i]; // succeeded before a redrive: not rerun
            }
            Resume from = BranchMemory.stopOf(prior, i, n);
            Frame frame = outer.resumed(from);
            HistoryLog log = frame.execution().log();
            JsonNode iterationInput = select(m.spec(), run, input, i, items.get(i));
            log.add(frame.lane(), "MapIterationStarted", "mapIterationStartedEventDetails", "name", m.name(),
                    "index", i);
            try {
                JsonNode out = interpreter.runGraph(m.processor(), iterationInput, frame, from, now.trails()[i]);
                log.add(frame.lane(), "MapIterationSucceeded", "mapIterationSucceededEventDetails", "name", m.name(),
                        "index", i);
                return out;
            } catch (StatesError e) {
                log.add(frame.lane(), "MapIterationFailed", "mapIterationFailedEventDetails", "name", m.name(),
                        "index", i);
                throw e;
            }
        }, now.results());
        return toArray(results);
    }

    private JsonNode distributed(MapState m, StateRun run, JsonNode input, ArrayNode items, int maxConcurrency)
            throws InterruptedException {
        MapSpec spec = m.spec();
        List<JsonNode> childInputs = childInputs(spec, run, input, items);
        int[] itemsPerChild = new int[childInputs.size()];
        for (int i = 0; i < itemsPerChild.length; i++) {
            JsonNode batch = childInputs.get(i);
            itemsPerChild[i] = spec.batcher() == null ? 1 : batch.path("Items").size();
        }
        Double pct = Dynamics.number(spec.toleratedFailurePercentage(), run, input, 0, 100);
        Long count = Dynamics.integer(spec.toleratedFailureCount(), run, input, 0, Integer.MAX_VALUE);
        ExecutionImpl parent = run.frame.execution();
        MapRunImpl mapRun = new MapRunImpl(names(m, parent), parent.arn(), engine.clock().now(), maxConcurrency,
                new MapRunImpl.Tolerance(pct, count, childInputs.size()), childInputs, itemsPerChild);
        parent.addMapRun(mapRun);
        run.memory(mapRun);
        parent.log().add(run.frame.lane(), "MapRunStarted", "mapRunStartedEventDetails", "mapRunArn", mapRun.arn());
        List<Integer> all = new ArrayList<>(mapRun.size());
        for (int i = 0; i < mapRun.size(); i++) {
            all.add(i);
        }
        return runChildren(m, run, input, mapRun, all);
    }

    /**
     * Redrives a Map Run: children that failed, timed out or were aborted are redriven (same names and ARNs, from
     * the state where they stopped), children never started are started, succeeded ones keep their results.
     */
    private JsonNode redriveRun(MapState m, StateRun run, JsonNode input, MapRunImpl mapRun)
            throws InterruptedException {
        run.memory(mapRun);
        List<Integer> todo = mapRun.beginRedrive(engine.clock().now());
        run.frame.execution().log().add(run.frame.lane(), "MapRunRedriven", "mapRunRedrivenEventDetails",
                "mapRunArn", mapRun.arn(), "redriveCount", mapRun.redriveCount());
        return runChildren(m, run, input, mapRun, todo);
    }

    private JsonNode runChildren(MapState m, StateRun run, JsonNode input, MapRunImpl mapRun, List<Integer> todo)
            throws InterruptedException {
        MapSpec spec = m.spec();
        ExecutionImpl parent = run.frame.execution();
        HistoryLog log = parent.log();
        int workers = mapRun.maxConcurrency() == 0 ? DISTRIBUTED_DEFAULT_CONCURRENCY : mapRun.maxConcurrency();
        JsonNode result;
        try {
            Fork.run(engine.executor(), todo.size(), Math.min(workers, todo.size()), k -> {
                int i = todo.get(k);
                ExecutionImpl child = mapRun.child(i);
                if (child == null) {
                    child = newChild(m, parent, mapRun, i);
                    mapRun.child(i, child);
                    child.runHere();
                } else {
                    child.redriveHere(spec.expressChildren());
                }
                long failed = mapRun.childEnded(child);
                if (child.status() != ExecutionStatus.SUCCEEDED && mapRun.tolerance().exceeded(failed)) {
                    throw new StatesError(StatesError.TOLERATED_FAILURE,
                            "The specified tolerated failure threshold was exceeded");
                }
                return NullNode.getInstance();
            });
            result = spec.writer() != null ? writeResults(spec, run, input, mapRun) : outputs(mapRun);
        } catch (StatesError e) {
            StatesError failure = e;
            if (spec.writer() != null && StatesError.TOLERATED_FAILURE.equals(e.error())) {
                try {
                    // a failed Map Run still exports what its children did, as on AWS
                    writer.write(spec.writer(), run, input, mapRun.arn(), mapRun.names().id(), mapRun.childSlots());
                } catch (StatesError writeFailed) {
                    failure = writeFailed;
                }
            }
            mapRun.end(MapRunStatus.FAILED, engine.clock().now());
            log.add(run.frame.lane(), "MapRunFailed", "mapRunFailedEventDetails", "error", failure.error(),
                    "cause", failure.cause());
            throw failure;
        } catch (InterruptedException | Aborted e) {
            mapRun.end(MapRunStatus.ABORTED, engine.clock().now());
            throw e;
        }
        mapRun.end(MapRunStatus.SUCCEEDED, engine.clock().now());
        log.add(run.frame.lane(), "MapRunSucceeded", null);
        return result;
    }

    /** The ResultWriter files, with every child's result (those of earlier attempts included). */
    private JsonNode writeResults(MapSpec spec, StateRun run, JsonNode input, MapRunImpl mapRun) {
        JsonNode result = writer.write(spec.writer(), run, input, mapRun.arn(), mapRun.names().id(),
                mapRun.childSlots());
        mapRun.resultsWritten();
        return result;
    }

    /** Without a ResultWriter: each child's output in item order, a failed child's record in its place. */
    private static JsonNode outputs(MapRunImpl mapRun) {
        ArrayNode out = NODES.arrayNode(mapRun.size());
        for (ExecutionImpl c : mapRun.childSlots()) {
            out.add(c.status() == ExecutionStatus.SUCCEEDED ? c.outputNode() : ResultExport.record(c));
        }
        return out;
    }

    /**
     * ARNs as AWS forms them: {@code mapRun:MACHINE/LABEL:ID}, the children's state machine
     * {@code stateMachine:MACHINE/LABEL} and their executions {@code execution:MACHINE/LABEL:NAME}.
     */
    private MapRunImpl.Names names(MapState m, ExecutionImpl parent) {
        String smName = parent.contextStateMachine().path("Name").asText();
        String label = m.spec().label() != null ? m.spec().label() : m.name();
        String id = UUID.randomUUID().toString();
        String prefix = "arn:aws:states:" + engine.region() + ":" + engine.accountId() + ":";
        String path = smName + "/" + label;
        return new MapRunImpl.Names(prefix + "mapRun:" + path + ":" + id, id, path, prefix + "stateMachine:" + path);
    }

    private ExecutionImpl newChild(MapState m, ExecutionImpl parent, MapRunImpl mapRun, int index) {
        String name = UUID.randomUUID().toString();
        String arn = "arn:aws:states:" + engine.region() + ":" + engine.accountId() + ":execution:"
                + mapRun.names().machinePath() + ":" + name;
        return new ExecutionImpl(engine, m.processor(), new ExecutionImpl.Identity(arn, name,
                mapRun.stateMachineArn(), parent.contextStateMachine(), parent.roleArn(), mapRun.arn()),
                mapRun.childInput(index));
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
                ? Jsonata.evaluate(b.batchInput(), run.jb(null, null), "ItemBatcher/BatchInput")
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
}
