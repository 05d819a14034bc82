package dev.fanout.asl.internal.expr;

import static dev.fanout.asl.internal.expr.Fixtures.json;
import static dev.fanout.asl.internal.expr.Fixtures.raw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Prints evaluations per second of the operations a state transition performs. Not a test: run
 * its main method (test classpath) to measure, e.g. after changing the caches.
 */
public final class ExpressionsBenchmark {

    private static final int ROUNDS = 5;
    private static final int ITERATIONS = 200_000;

    private ExpressionsBenchmark() {}

    public static void main(String[] args) {
        EvalContext ctx = new EvalContext(
                json("{'order': {'id': 'o-1', 'lines': [{'sku': 'a', 'qty': 2}, {'sku': 'b', 'qty': 5}]}, 'n': 7}"),
                json("{'Execution': {'Id': 'arn:x', 'Name': 'run'}, 'Map': {'Item': {'Index': 3}}}"),
                Map.of("limit", json("10")));
        JsonNode template = raw("{\"id.$\": \"$.order.id\", \"exec.$\": \"$$.Execution.Name\", \"fixed\": 1,"
                + " \"msg.$\": \"States.Format('order {} has {} lines', $.order.id, States.ArrayLength($.order.lines))\"}");
        JsonNode choice = json("{'And': [{'Variable': '$.n', 'NumericLessThanPath': '$limit'},"
                + " {'Variable': '$.order.id', 'StringMatches': 'o-*'}], 'Next': 'X'}");
        JsonNode result = json("{'ok': true}");
        JsonataBindings bindings = new JsonataBindings(ctx.input(), ctx.context(), null, null, ctx.variables());
        JsonNode jsonata = raw("{\"total\": \"{% $sum($states.input.order.lines.qty) %}\", \"id\": \"{% $states.input.order.id %}\"}");

        measure("read $.order.lines[1].qty", () -> JsonPathSupport.read("$.order.lines[1].qty", ctx));
        measure("read filter $.order.lines[?(@.qty > 3)]", () -> JsonPathSupport.read("$.order.lines[?(@.qty > 3)]", ctx));
        measure("applyResultPath $.result.deep", () -> JsonPathSupport.applyResultPath(ctx.input(), "$.result.deep", result));
        measure("evaluateTemplate (3 paths + nested intrinsic)", () -> JsonPathSupport.evaluateTemplate(template, ctx));
        measure("ChoiceRules.matches (And of 2)", () -> ChoiceRules.matches(choice, ctx));
        measure("Jsonata.evaluate (2 expressions)", () -> Jsonata.evaluate(jsonata, bindings));
    }

    private static void measure(String name, Supplier<Object> operation) {
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            Object sink = null;
            for (int i = 0; i < ITERATIONS; i++) {
                sink = operation.get();
            }
            double perSecond = ITERATIONS / ((System.nanoTime() - start) / 1e9);
            best = Math.max(best, perSecond);
            if (sink == null) {
                throw new IllegalStateException("no result");
            }
        }
        System.out.printf("%-50s %,12.0f ops/s%n", name, best);
    }
}
