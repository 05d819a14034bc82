package dev.fanout.asl.internal.expr;

import com.dashjoin.jsonata.JException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Parsed JSONata expressions, pooled per expression text: an engine instance keeps per-evaluation
 * state in its fields, so one instance serves one evaluation at a time, and the pool holds as many
 * as there were concurrent evaluations.
 */
final class JsonataCache {

    private static final Map<String, Queue<com.dashjoin.jsonata.Jsonata>> POOLS = new ConcurrentHashMap<>();
    private static final int POOL_LIMIT = 10_000;
    /** Bounds like the ones AWS puts on an evaluation: a runaway expression fails instead of hanging. */
    private static final long TIME_LIMIT_MILLIS = 10_000;
    private static final int DEPTH_LIMIT = 500;

    private JsonataCache() {}

    static com.dashjoin.jsonata.Jsonata parse(String body) {
        com.dashjoin.jsonata.Jsonata expression = com.dashjoin.jsonata.Jsonata.jsonata(body);
        expression.setOutputConvertNulls(false);
        AwsFunctions.register(expression);
        return expression;
    }

    /** Evaluates with {@code $states} and the variables the expression mentions bound; null is undefined. */
    static Object evaluate(String body, JsonataBindings bindings) {
        Queue<com.dashjoin.jsonata.Jsonata> pool = POOLS.get(body);
        if (pool == null && POOLS.size() < POOL_LIMIT) {
            pool = POOLS.computeIfAbsent(body, k -> new ConcurrentLinkedQueue<>());
        }
        com.dashjoin.jsonata.Jsonata expression = pool == null ? null : pool.poll();
        if (expression == null) {
            expression = parse(body);
        }
        try {
            com.dashjoin.jsonata.Jsonata.Frame frame = expression.createFrame();
            frame.setRuntimeBounds(TIME_LIMIT_MILLIS, DEPTH_LIMIT);
            if (body.contains("$states")) {
                frame.bind("states", new JsonataValues.LazyStates(bindings));
            }
            for (Map.Entry<String, JsonNode> variable : bindings.variables().entrySet()) {
                // converting every variable on every evaluation would dominate the cost
                if (body.contains("$" + variable.getKey())) {
                    frame.bind(variable.getKey(), JsonataValues.toJava(variable.getValue()));
                }
            }
            return expression.evaluate(null, frame);
        } finally {
            if (pool != null) {
                pool.offer(expression);
            }
        }
    }

    /**
     * The error code and message of a JSONata failure. The Java engine's message catalogue says
     * "Object" where jsonata-js (and AWS) say "function"; put the word back.
     */
    static String describe(JException e) {
        String message = String.valueOf(e.getMessage())
                .replace(" of Object \"", " of function \"")
                .replace("Object signature", "function signature");
        String code = e.getError();
        return code == null || code.isEmpty() || message.startsWith(code) ? message : code + ": " + message;
    }

    /** The functions Step Functions adds to JSONata: $partition, $range, $hash, $random, $uuid, $parse. */
    private static final class AwsFunctions {

        private AwsFunctions() {}

        static void register(com.dashjoin.jsonata.Jsonata expression) {
            bind(expression, "partition", "States.ArrayPartition");
            bind(expression, "range", "States.ArrayRange");
            bind(expression, "hash", "States.Hash");
            bind(expression, "uuid", "States.UUID");
            bind(expression, "parse", "States.StringToJson");
            expression.registerFunction("random", new com.dashjoin.jsonata.Jsonata.JFunction((input, args) -> {
                if (args.isEmpty() || args.get(0) == null) {
                    return java.util.concurrent.ThreadLocalRandom.current().nextDouble();
                }
                Object seed = args.get(0);
                if (!(seed instanceof Number n)) {
                    throw new EvaluationException(Jsonata.QUERY_ERROR, "The seed of $random must be a number");
                }
                return new java.util.Random(n.longValue()).nextDouble();
            }, null));
        }

        private static void bind(com.dashjoin.jsonata.Jsonata expression, String name, String intrinsic) {
            expression.registerFunction(name, new com.dashjoin.jsonata.Jsonata.JFunction((input, args) -> {
                List<JsonNode> jsonArgs = new ArrayList<>(args.size());
                List<IntrinsicCall> placeholders = new ArrayList<>(args.size());
                for (Object arg : args) {
                    jsonArgs.add(JsonataValues.toJson(arg));
                    placeholders.add(new IntrinsicCall.PathArg("$"));
                }
                JsonNode result = IntrinsicFunctions.apply(new IntrinsicCall.Call(intrinsic, placeholders), jsonArgs);
                return JsonataValues.toJava(result);
            }, null));
        }
    }
}
