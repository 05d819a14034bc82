package dev.fanout.asl.internal.expr;

import static dev.fanout.asl.internal.expr.Fixtures.json;
import static dev.fanout.asl.internal.expr.Fixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonataTest {

    private static JsonataBindings bindings(String input) {
        return new JsonataBindings(json(input), json("{'Execution': {'Name': 'run-7'}}"), null, null, Map.of());
    }

    private static JsonNode eval(String value, String input) {
        return Jsonata.evaluate(raw(value), bindings(input), "Output");
    }

    private static EvaluationException failure(Runnable action) {
        try {
            action.run();
        } catch (EvaluationException e) {
            assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
            return e;
        }
        throw new AssertionError("expected a States.QueryEvaluationError");
    }

    @Nested
    class Recognition {

        @Test
        void anExpressionIsExactlyDelimited() {
            assertThat(Jsonata.isExpression(TextNode.valueOf("{% 1 + 1 %}"))).isTrue();
            assertThat(Jsonata.isExpression(TextNode.valueOf("{%1%}"))).isTrue();
            assertThat(Jsonata.isExpression(TextNode.valueOf(" {% 1 %}"))).isFalse();
            assertThat(Jsonata.isExpression(TextNode.valueOf("{% 1 %} "))).isFalse();
            assertThat(Jsonata.isExpression(TextNode.valueOf("plain"))).isFalse();
            assertThat(Jsonata.isExpression(json("5"))).isFalse();
        }
    }

    @Nested
    class Evaluation {

        @Test
        void readsTheStatesVariable() {
            assertThat(eval("\"{% $states.input.customer.name %}\"", "{'customer': {'name': 'Ann'}}")).isEqualTo(json("'Ann'"));
            assertThat(eval("\"{% $states.context.Execution.Name %}\"", "{}")).isEqualTo(json("'run-7'"));
        }

        @Test
        void bindsResultAndErrorOutputWhenGiven() {
            JsonataBindings b = new JsonataBindings(json("{}"), json("{}"), json("{'v': 3}"),
                    json("{'Error': 'E', 'Cause': 'c'}"), Map.of());
            assertThat(Jsonata.evaluate(raw("\"{% $states.result.v * 2 %}\""), b)).isEqualTo(json("6"));
            assertThat(Jsonata.evaluate(raw("\"{% $states.errorOutput.Error %}\""), b)).isEqualTo(json("'E'"));
        }

        @Test
        void bindsVariablesByName() {
            JsonataBindings b = new JsonataBindings(json("{}"), json("{}"), null, null,
                    Map.of("n", json("4"), "order", json("{'lines': [1, 2, 3]}")));
            assertThat(Jsonata.evaluate(raw("\"{% $n + $count($order.lines) %}\""), b)).isEqualTo(json("7"));
        }

        @Test
        void replacesExpressionsNestedInObjectsAndArraysAndCopiesTheRest() {
            JsonNode out = eval("{\"a\": \"{% $states.input.x + 1 %}\", \"b\": [\"{% 'k' & 'v' %}\", 2, \"text\"],"
                    + " \"c\": {\"d\": true, \"e\": \"{% $states.input.list[1] %}\"}}", "{'x': 1, 'list': [10, 20]}");
            assertThat(out).isEqualTo(json("{'a': 2, 'b': ['kv', 2, 'text'], 'c': {'d': true, 'e': 20}}"));
        }

        @Test
        void aStringThatIsNotExactlyAnExpressionIsALiteral() {
            assertThat(eval("\"price {% 1 %}\"", "{}")).isEqualTo(json("'price {% 1 %}'"));
        }

        @Test
        void producesNullObjectsArraysAndIntegralNumbersAsJson() {
            assertThat(eval("\"{% null %}\"", "{}")).isEqualTo(json("null"));
            assertThat(eval("\"{% $states.input.n %}\"", "{'n': null}")).isEqualTo(json("null"));
            assertThat(eval("\"{% 4 / 2 %}\"", "{}")).isEqualTo(json("2"));
            assertThat(eval("\"{% 5 / 2 %}\"", "{}")).isEqualTo(json("2.5"));
            assertThat(eval("\"{% {'a': [1, null, true]} %}\"", "{}")).isEqualTo(json("{'a': [1, null, true]}"));
        }

        @Test
        void standardFunctionsWork() {
            assertThat(eval("\"{% $sum($states.input.items.price) %}\"", "{'items': [{'price': 2}, {'price': 3}]}"))
                    .isEqualTo(json("5"));
            assertThat(eval("\"{% $uppercase($states.input.s) %}\"", "{'s': 'abc'}")).isEqualTo(json("'ABC'"));
        }

        @Test
        void isSafeToUseFromManyThreads() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<JsonNode>> futures = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> eval("\"{% $states.input.n * 2 %}\"", "{'n': " + n + "}")));
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(futures.get(i).get().intValue()).isEqualTo(2 * i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class AwsFunctions {

        @Test
        void partitionSplitsAnArray() {
            assertThat(eval("\"{% $partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3) %}\"", "{}"))
                    .isEqualTo(json("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"));
        }

        @Test
        void rangeBuildsAnArray() {
            assertThat(eval("\"{% $range(0, 10, 2) %}\"", "{}")).isEqualTo(json("[0, 2, 4, 6, 8, 10]"));
        }

        @Test
        void hashUsesTheNamedAlgorithm() {
            assertThat(eval("\"{% $hash('abc', 'SHA-256') %}\"", "{}"))
                    .isEqualTo(json("'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'"));
        }

        @Test
        void randomWithASeedRepeats() {
            JsonNode first = eval("\"{% $random(42) %}\"", "{}");
            assertThat(eval("\"{% $random(42) %}\"", "{}")).isEqualTo(first);
            assertThat(first.doubleValue()).isBetween(0.0, 1.0);
            assertThat(eval("\"{% $random() %}\"", "{}").doubleValue()).isBetween(0.0, 1.0);
        }

        @Test
        void uuidAndParse() {
            assertThat(eval("\"{% $uuid() %}\"", "{}").textValue()).matches("[0-9a-f-]{36}");
            assertThat(eval("\"{% $parse($states.input.s) %}\"", "{'s': '[1,2]'}")).isEqualTo(json("[1, 2]"));
        }
    }

    @Nested
    class Errors {

        @Test
        void undefinedIsAnErrorNamingTheField() {
            EvaluationException e = failure(() -> eval("{\"Input\": {\"pushLocation\": \"{% $states.input.pushLocation %}\"}}", "{}"));
            assertThat(e.cause()).isEqualTo("The JSONata expression '$states.input.pushLocation' specified for the field"
                    + " 'Output/Input/pushLocation' returned nothing (undefined).");
        }

        @Test
        void arrayElementsAreNamedByIndex() {
            EvaluationException e = failure(() -> eval("[1, \"{% $nothing %}\"]", "{}"));
            assertThat(e.cause()).contains("'Output[1]'");
        }

        @Test
        void withoutAFieldTheCauseNamesOnlyTheExpression() {
            EvaluationException e = failure(() -> Jsonata.evaluate(raw("\"{% $states.input.x %}\""), bindings("{}")));
            assertThat(e.cause()).isEqualTo("The JSONata expression '$states.input.x' returned nothing (undefined).");
        }

        @Test
        void evaluationErrorsCarryTheJsonataCode() {
            EvaluationException e = failure(() -> eval("\"{% 'hello world' / 42 %}\"", "{}"));
            assertThat(e.cause()).startsWith("The JSONata expression ''hello world' / 42' specified for the field 'Output'"
                    + " threw an error during evaluation. T2001");
        }

        @Test
        void userErrorsAndEngineExceptionsAreQueryEvaluationErrors() {
            assertThat(failure(() -> eval("\"{% $error('boom') %}\"", "{}")).cause()).contains("boom");
            failure(() -> eval("\"{% $number('x') %}\"", "{}"));
        }

        @Test
        void endlessRecursionFailsInsteadOfHanging() {
            EvaluationException e = failure(() -> eval("\"{% ($f := function($x) { $f($x + 1) }; $f(0)) %}\"", "{}"));
            assertThat(e.cause()).contains("threw an error during evaluation");
        }

        @Test
        void aFunctionResultIsNotJson() {
            failure(() -> eval("\"{% function($x) { $x } %}\"", "{}"));
        }
    }

    @Nested
    class Conditions {

        @Test
        void evaluatesTheDeveloperGuideExamples() {
            JsonataBindings b = new JsonataBindings(json("{}"), json("{}"), null, null,
                    Map.of("foo", json("1"), "type", json("'local'"), "possiblyNullValue", json("42")));
            assertThat(Jsonata.condition("{% $foo = 1 %}", b)).isTrue();
            assertThat(Jsonata.condition("{% $type = 'local' %}", b)).isTrue();
            assertThat(Jsonata.condition("{% $possiblyNullValue != null and $possiblyNullValue = 42 %}", b)).isTrue();
            assertThat(Jsonata.condition("{% $foo > 1 %}", b)).isFalse();
        }

        @Test
        void aNonBooleanConditionIsAnError() {
            EvaluationException e = failure(() -> Jsonata.condition("{% 'yes' %}", bindings("{}")));
            assertThat(e.cause()).contains("'Condition'");
            failure(() -> Jsonata.condition("not an expression", bindings("{}")));
        }
    }

    @Nested
    class Validation {

        @Test
        void acceptsValidExpressionsAnywhere() {
            assertThat(Jsonata.validate(raw("{\"a\": [\"{% $x + 1 %}\", \"plain\"], \"b\": 3}"), "/States/P/Output")).isEmpty();
        }

        @Test
        void reportsSyntaxErrorsWithTheParserMessageAndTheLocation() {
            List<String> problems = Jsonata.validate(raw("{\"a\": [\"{% 1 + %}\"]}"), "/States/Main/Output");
            assertThat(problems).containsExactly("INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output/a/0");
        }

        @Test
        void refusesBareNamesAtTheTopLevel() {
            assertThat(Jsonata.validate(raw("{\"v\": \"{% phone %}\"}"), "/States/E/Output")).containsExactly(
                    "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top level is not supported. at /States/E/Output/v");
            assertThat(Jsonata.validate(raw("\"{% $sum(a.b) + 1 %}\""), "/x")).hasSize(1);
            assertThat(Jsonata.validate(raw("\"{% {'k': x} %}\""), "/x")).hasSize(1);
            assertThat(Jsonata.validate(raw("\"{% $.a %}\""), "/x")).hasSize(1);
        }

        @Test
        void acceptsNamesThatAreStepsFiltersOrVariables() {
            for (String ok : List.of(
                    "$states.input.items[price > 5].name",
                    "$states.input.(price * 2)",
                    "$map($states.input.items, function($v) { $v.x })",
                    "$x.y",
                    "$sum($states.input.items.price)",
                    "$states.input.items{name: price}",
                    "($n := 2; $n * $states.input.k)")) {
                assertThat(Jsonata.validate(TextNode.valueOf("{% " + ok + " %}"), "/x")).as(ok).isEmpty();
            }
        }

        @Test
        void reportsHalfDelimitedExpressions() {
            assertThat(Jsonata.validate(raw("\"{% 1 + 1\""), "/States/P/Output")).hasSize(1);
        }
    }
}
