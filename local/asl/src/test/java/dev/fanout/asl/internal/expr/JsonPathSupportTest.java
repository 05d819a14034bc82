package dev.fanout.asl.internal.expr;

import static dev.fanout.asl.internal.expr.Fixtures.ctx;
import static dev.fanout.asl.internal.expr.Fixtures.input;
import static dev.fanout.asl.internal.expr.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonPathSupportTest {

    /** The example document of the "Paths" section of the States Language specification. */
    private static final String SPEC_INPUT = "{'foo': 123, 'bar': ['a', 'b', 'c'], 'car': {'cdr': true}}";

    @Nested
    class Read {

        @Test
        void readsTheSpecificationExamples() {
            EvalContext ctx = input(SPEC_INPUT);
            assertThat(JsonPathSupport.read("$.foo", ctx)).isEqualTo(json("123"));
            assertThat(JsonPathSupport.read("$.bar", ctx)).isEqualTo(json("['a', 'b', 'c']"));
            assertThat(JsonPathSupport.read("$.car.cdr", ctx)).isEqualTo(json("true"));
            assertThat(JsonPathSupport.read("$", ctx)).isEqualTo(json(SPEC_INPUT));
        }

        @Test
        void readsBracketNotationIndexesAndNull() {
            EvalContext ctx = input("{'a b': {'c': [10, 20, {'d': null}]}}");
            assertThat(JsonPathSupport.read("$['a b']['c'][1]", ctx)).isEqualTo(json("20"));
            assertThat(JsonPathSupport.read("$['a b'].c[2].d", ctx).isNull()).isTrue();
        }

        @Test
        void readsWildcardsFiltersAndDeepScanThroughJsonPath() {
            EvalContext ctx = input("{'items': [{'k': 1, 'v': 'x'}, {'k': 2, 'v': 'y'}]}");
            assertThat(JsonPathSupport.read("$.items[*].k", ctx)).isEqualTo(json("[1, 2]"));
            assertThat(JsonPathSupport.read("$.items[?(@.k == 2)].v", ctx)).isEqualTo(json("['y']"));
            assertThat(JsonPathSupport.read("$..v", ctx)).isEqualTo(json("['x', 'y']"));
            assertThat(JsonPathSupport.read("$.items[1:]", ctx)).isEqualTo(json("[{'k': 2, 'v': 'y'}]"));
        }

        @Test
        void anIndefinitePathMatchingNothingIsAnEmptyArray() {
            assertThat(JsonPathSupport.read("$.items[?(@.k == 9)]", input("{'items': [{'k': 1}]}"))).isEqualTo(json("[]"));
        }

        @Test
        void readsTheContextObjectWithTwoDollars() {
            EvalContext ctx = ctx("{}", "{'Execution': {'Id': 'arn:exec'}, 'Map': {'Item': {'Index': 3}}}", Map.of());
            assertThat(JsonPathSupport.read("$$.Execution.Id", ctx)).isEqualTo(json("'arn:exec'"));
            assertThat(JsonPathSupport.read("$$.Map.Item.Index", ctx)).isEqualTo(json("3"));
            assertThat(JsonPathSupport.read("$$", ctx)).isEqualTo(ctx.context());
        }

        @Test
        void readsVariablesAndTheirFields() {
            EvalContext ctx = ctx("{'x': 1}", "{}", Map.of("order", json("{'id': 'o-1', 'lines': [5, 6]}"), "n", json("7")));
            assertThat(JsonPathSupport.read("$n", ctx)).isEqualTo(json("7"));
            assertThat(JsonPathSupport.read("$order.id", ctx)).isEqualTo(json("'o-1'"));
            assertThat(JsonPathSupport.read("$order.lines[1]", ctx)).isEqualTo(json("6"));
            assertThat(JsonPathSupport.read("$order['lines'][0]", ctx)).isEqualTo(json("5"));
        }

        @Test
        void aMissingPathIsAStatesRuntimeErrorWithAwsWording() {
            assertThatThrownBy(() -> JsonPathSupport.read("$.x", input("{'a': 1}")))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> {
                        assertThat(e.error()).isEqualTo("States.Runtime");
                        assertThat(e.cause()).isEqualTo("Invalid path '$.x' : No results for path: $['x']");
                    });
        }

        @Test
        void aMissingNestedPathQuotesTheWholeNormalizedPath() {
            assertThatThrownBy(() -> JsonPathSupport.read("$.a.b[2]", input("{'a': {'b': [1]}}")))
                    .isInstanceOfSatisfying(EvaluationException.class, e ->
                            assertThat(e.cause()).isEqualTo("Invalid path '$.a.b[2]' : No results for path: $['a']['b'][2]"));
        }

        @Test
        void aMissingIntermediatePropertyUsesJsonPathsWording() {
            assertThatThrownBy(() -> JsonPathSupport.read("$.a.x.y", input("{'a': {'b': 1}}")))
                    .isInstanceOfSatisfying(EvaluationException.class, e ->
                            assertThat(e.cause()).isEqualTo("Invalid path '$.a.x.y' : Missing property in path $['a']['x']"));
        }

        @Test
        void aPropertyOfAStringIsNotFound() {
            assertThatThrownBy(() -> JsonPathSupport.read("$.s.x", input("{'s': 'text'}")))
                    .isInstanceOf(EvaluationException.class);
        }

        @Test
        void anUnknownVariableIsNotFound() {
            assertThatThrownBy(() -> JsonPathSupport.read("$nope", input("{}")))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
        }

        @Test
        void theFieldOverloadUsesTheWordingForNamedFields() {
            assertThatThrownBy(() -> JsonPathSupport.read("$.items", input("{'a': 1}"), "ItemsPath"))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> {
                        assertThat(e.error()).isEqualTo("States.Runtime");
                        assertThat(e.cause()).isEqualTo(
                                "The JSONPath '$.items' specified for the field 'ItemsPath' could not be found in the input '{\"a\":1}'");
                    });
        }

        @Test
        void aPathCannotBeAppliedToANullInput() {
            EvalContext nullInput = new EvalContext(json("null"), json("{}"), Map.of());
            for (Runnable read : List.<Runnable>of(
                    () -> JsonPathSupport.read("$.a", nullInput),
                    () -> JsonPathSupport.read("$", nullInput, "ItemsPath"),
                    () -> JsonPathSupport.evaluateTemplate(json("{'Input.$': '$'}"), nullInput))) {
                assertThatThrownBy(read::run).isInstanceOfSatisfying(EvaluationException.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).isEqualTo("Unable to apply Path transformation to null or empty input.");
                });
            }
        }

        @Test
        void contextAndVariablePathsStillWorkWithANullInput() {
            EvalContext nullInput = new EvalContext(json("null"), json("{'Execution': {'Id': 'x'}}"), Map.of("v", json("1")));
            assertThat(JsonPathSupport.read("$$.Execution.Id", nullInput)).isEqualTo(json("'x'"));
            assertThat(JsonPathSupport.read("$v", nullInput)).isEqualTo(json("1"));
        }

        @Test
        void findAnswersNullForAMissingPath() {
            assertThat(JsonPathSupport.find("$.x", input("{}"))).isNull();
            assertThat(JsonPathSupport.find("$.x", input("{'x': 2}"))).isEqualTo(json("2"));
        }
    }

    @Nested
    class ResultPath {

        @Test
        void nullDiscardsTheResult() {
            JsonNode in = json("{'a': 1}");
            assertThat(JsonPathSupport.applyResultPath(in, null, json("{'r': 2}"))).isEqualTo(json("{'a': 1}"));
        }

        @Test
        void dollarReplacesTheInput() {
            assertThat(JsonPathSupport.applyResultPath(json("{'a': 1}"), "$", json("'result'"))).isEqualTo(json("'result'"));
        }

        @Test
        void placesTheResultAtAPath_asInTheDeveloperGuideExample() {
            // Developer guide, "ResultPath": input {"comment": "..."} with ResultPath $.taskresult
            JsonNode in = json("{'comment': 'An input comment.', 'data': {'val1': 23, 'val2': 17}}");
            JsonNode out = JsonPathSupport.applyResultPath(in, "$.taskresult", json("'Hello, AWS Step Functions!'"));
            assertThat(out).isEqualTo(json("{'comment': 'An input comment.', 'data': {'val1': 23, 'val2': 17},"
                    + " 'taskresult': 'Hello, AWS Step Functions!'}"));
        }

        @Test
        void replacesAnExistingFieldAndLeavesTheInputUntouched() {
            JsonNode in = json("{'data': {'val1': 23, 'val2': 17}}");
            JsonNode out = JsonPathSupport.applyResultPath(in, "$.data.val1", json("99"));
            assertThat(out).isEqualTo(json("{'data': {'val1': 99, 'val2': 17}}"));
            assertThat(in).isEqualTo(json("{'data': {'val1': 23, 'val2': 17}}"));
        }

        @Test
        void createsIntermediateObjects() {
            JsonNode out = JsonPathSupport.applyResultPath(json("{'a': 1}"), "$.x.y['z']", json("true"));
            assertThat(out).isEqualTo(json("{'a': 1, 'x': {'y': {'z': true}}}"));
        }

        @Test
        void aMissingResultIsPlacedAsNull() {
            assertThat(JsonPathSupport.applyResultPath(json("{'a': 1}"), "$.r", null)).isEqualTo(json("{'a': 1, 'r': null}"));
        }

        @Test
        void setsAnExistingArrayElement() {
            JsonNode out = JsonPathSupport.applyResultPath(json("{'a': [1, 2]}"), "$.a[1]", json("'b'"));
            assertThat(out).isEqualTo(json("{'a': [1, 'b']}"));
        }

        @Test
        void anInputThatCannotHoldTheResultIsAResultPathMatchFailure() {
            assertThatThrownBy(() -> JsonPathSupport.applyResultPath(json("'just text'"), "$.r", json("1")))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> {
                        assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure");
                        assertThat(e.cause()).isEqualTo("Unable to apply ReferencePath $.r to input \"just text\"");
                    });
            assertThatThrownBy(() -> JsonPathSupport.applyResultPath(json("{'a': 5}"), "$.a.b", json("1")))
                    .isInstanceOfSatisfying(EvaluationException.class,
                            e -> assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure"));
            assertThatThrownBy(() -> JsonPathSupport.applyResultPath(json("{'a': [1]}"), "$.a[3]", json("1")))
                    .isInstanceOfSatisfying(EvaluationException.class,
                            e -> assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure"));
        }
    }

    @Nested
    class Templates {

        @Test
        void evaluatesTheSpecificationParametersExample() {
            // States Language specification, "Parameters": vals[0] and the slice vals[3:]
            JsonNode template = json("{'flagged': true, 'parts': {'first.$': '$.vals[0]', 'last3.$': '$.vals[3:]'}}");
            JsonNode out = JsonPathSupport.evaluateTemplate(template, input("{'flagged': 7, 'vals': [0, 10, 20, 30, 40, 50]}"));
            assertThat(out).isEqualTo(json("{'flagged': true, 'parts': {'first': 0, 'last3': [30, 40, 50]}}"));
        }

        @Test
        void resolvesContextVariablesIntrinsicsAndObjectsInsideArrays() {
            EvalContext ctx = ctx("{'name': 'Ann'}", "{'Execution': {'Name': 'e1'}}", Map.of("count", json("4")));
            JsonNode template = Fixtures.raw("{\"list\": [{\"who.$\": \"$.name\"}, \"plain\", 3], \"exec.$\": \"$$.Execution.Name\","
                    + " \"n.$\": \"$count\", \"msg.$\": \"States.Format('Hi {}', $.name)\"}");
            assertThat(JsonPathSupport.evaluateTemplate(template, ctx)).isEqualTo(
                    json("{'list': [{'who': 'Ann'}, 'plain', 3], 'exec': 'e1', 'n': 4, 'msg': 'Hi Ann'}"));
        }

        @Test
        void aStaticTemplateIsReturnedAsIs() {
            JsonNode template = json("{'a': [1, {'b': 'c'}], 'd': null}");
            assertThat(JsonPathSupport.evaluateTemplate(template, input("{}"))).isSameAs(template);
        }

        @Test
        void aMissingPathNamesTheFieldAndTheInput() {
            assertThatThrownBy(() -> JsonPathSupport.evaluateTemplate(json("{'JobName.$': '$.JobName'}"), input("{}")))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> {
                        assertThat(e.error()).isEqualTo("States.Runtime");
                        assertThat(e.cause()).isEqualTo(
                                "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'");
                    });
        }

        @Test
        void aNonStringValueForADollarKeyIsRejected() {
            assertThatThrownBy(() -> JsonPathSupport.evaluateTemplate(json("{'a.$': 5}"), input("{}")))
                    .isInstanceOf(EvaluationException.class);
            assertThat(JsonPathSupport.validateTemplate(json("{'a.$': 5}"), "/States/P/Parameters")).hasSize(1);
        }
    }

    @Nested
    class Validation {

        @Test
        void acceptsPathsReferencePathsAndTemplates() {
            assertThat(JsonPathSupport.validatePath("$.a[?(@.b > 1)]", "/States/A/InputPath")).isEmpty();
            assertThat(JsonPathSupport.validatePath("$$.Execution.Input", "/States/A/InputPath")).isEmpty();
            assertThat(JsonPathSupport.validateReferencePath("$.a.b[0]", "/States/A/ResultPath")).isEmpty();
            assertThat(JsonPathSupport.validateTemplate(Fixtures.raw("{\"a.$\": \"$.x\", \"b\": {\"c.$\": \"States.Array($.y)\"}}"),
                    "/States/A/Parameters")).isEmpty();
        }

        @Test
        void rejectsPathsThatDoNotStartWithDollarOrDoNotParse() {
            assertThat(JsonPathSupport.validatePath("a.b", "/States/A/InputPath"))
                    .containsExactly("The value for the field 'InputPath' must be a valid JSONPath at /States/A/InputPath");
            assertThat(JsonPathSupport.validatePath("$.a[", "/States/A/OutputPath")).hasSize(1);
            assertThat(JsonPathSupport.validatePath("$.", "/States/A/OutputPath")).hasSize(1);
            assertThat(JsonPathSupport.validatePath("$.a b", "/States/A/OutputPath")).hasSize(1);
        }

        @Test
        void aReferencePathHasNoOperators() {
            assertThat(JsonPathSupport.validateReferencePath("$.a[*]", "/States/A/ResultPath"))
                    .containsExactly("The value for the field 'ResultPath' must be a valid ReferencePath at /States/A/ResultPath");
            assertThat(JsonPathSupport.validateReferencePath("$..a", "/States/A/ResultPath")).hasSize(1);
            assertThat(JsonPathSupport.validateReferencePath("$$.Execution", "/States/A/ResultPath")).hasSize(1);
        }

        @Test
        void rejectsBadPathsAndIntrinsicsInsideTemplates() {
            assertThat(JsonPathSupport.validateTemplate(json("{'x': [{'a.$': 'nope'}]}"), "/States/A/Parameters")).hasSize(1);
            assertThat(JsonPathSupport.validateTemplate(Fixtures.raw("{\"a.$\": \"States.Nope(1)\"}"), "/States/A/Parameters")).hasSize(1);
        }
    }
}
