package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.AslClock;
import dev.fanout.asl.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The execution history. Events keep references to the (immutable) payload nodes and are turned into API
 * shapes only when read, so recording costs no JSON serialization on the hot path.
 */
final class HistoryLog {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Raw(long id, long previous, Instant at, String type, String detailsKey, Object[] details) {}

    /**
     * AWS: "25,000 events in a single state machine execution history. If the execution history reaches this quota,
     * the execution will fail" (service-quotas), and "when an execution reaches 24,999 events, it waits for the next
     * event": only an event that ends the execution may be the 25,000th (sfn-best-practices, bp-history-limit).
     */
    static final int LIMIT = 25_000;
    /** The error and cause of that failure are ours: AWS documents the failure, not its error name or cause. */
    static final String LIMIT_CAUSE = "The execution history reached the quota of " + LIMIT + " events";
    private static final java.util.Set<String> ENDS = java.util.Set.of("ExecutionSucceeded", "ExecutionFailed",
            "ExecutionAborted", "ExecutionTimedOut");

    private final AslClock clock;
    private final ArrayList<Raw> events = new ArrayList<>();

    HistoryLog(AslClock clock) {
        this.clock = clock;
    }

    /** Appends an event; {@code details} are name/value pairs (String, Number, Boolean, JsonNode, Map of variables). */
    long add(Lane lane, String type, String detailsKey, Object... details) {
        Instant now = clock.now();
        synchronized (this) {
            if (events.size() >= LIMIT - 1 && !ENDS.contains(type)) {
                throw StatesError.plain(StatesError.RUNTIME, LIMIT_CAUSE);
            }
            long id = events.size() + 1L;
            events.add(new Raw(id, lane == null ? 0 : lane.last, now, type, detailsKey, details));
            if (lane != null) {
                lane.last = id;
            }
            return id;
        }
    }

    synchronized int size() {
        return events.size();
    }

    List<HistoryEvent> snapshot() {
        List<Raw> copy;
        synchronized (this) {
            copy = new ArrayList<>(events);
        }
        List<HistoryEvent> out = new ArrayList<>(copy.size());
        for (Raw r : copy) {
            out.add(new HistoryEvent(r.id(), r.previous(), r.at(), r.type(), r.detailsKey(), details(r)));
        }
        return out;
    }

    private static ObjectNode details(Raw r) {
        if (r.detailsKey() == null) {
            return null;
        }
        ObjectNode d = NODES.objectNode();
        Object[] kv = r.details();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            String key = (String) kv[i];
            Object v = kv[i + 1];
            if (v == null) {
                continue;
            }
            switch (v) {
                case String s -> d.put(key, s);
                case Integer n -> d.put(key, n);
                case Long n -> d.put(key, n);
                case Boolean b -> d.put(key, b);
                case JsonNode n -> {
                    d.put(key, n.toString());
                    if (key.equals("input") || key.equals("output")) {
                        d.putObject(key + "Details").put("truncated", false);
                    }
                }
                case Map<?, ?> m -> {
                    ObjectNode vars = d.putObject(key);
                    m.forEach((name, value) -> vars.put((String) name, String.valueOf(value)));
                    d.putObject(key + "Details").put("truncated", false);
                }
                default -> d.put(key, v.toString());
            }
        }
        return d;
    }
}
