package dev.fanout.asl.internal.expr;

import static dev.fanout.asl.internal.expr.Fixtures.input;
import static dev.fanout.asl.internal.expr.Fixtures.json;
import static dev.fanout.asl.internal.expr.Fixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expectations come from the examples of the developer guide page "Intrinsic functions". */
class IntrinsicsTest {

    private static JsonNode eval(String expression, String inputJson) {
        return Intrinsics.evaluate(expression, input(inputJson));
    }

    private static void assertIntrinsicFailure(String expression, String inputJson) {
        assertThatThrownBy(() -> eval(expression, inputJson))
                .isInstanceOfSatisfying(EvaluationException.class,
                        e -> assertThat(e.error()).isEqualTo("States.IntrinsicFailure"));
    }

    @Nested
    class Recognition {

        @Test
        void recognisesInvocations() {
            assertThat(Intrinsics.isIntrinsic("States.Array($.a)")).isTrue();
            assertThat(Intrinsics.isIntrinsic("States.UUID()")).isTrue();
            assertThat(Intrinsics.isIntrinsic("$.a")).isFalse();
            assertThat(Intrinsics.isIntrinsic("States.Array")).isFalse();
            assertThat(Intrinsics.isIntrinsic(null)).isFalse();
        }
    }

    @Nested
    class Format {

        @Test
        void fillsPlaceholdersFromALiteralTemplate() {
            assertThat(eval("States.Format('Hello, my name is {}.', $.name)", "{'name': 'Arnav'}"))
                    .isEqualTo(json("'Hello, my name is Arnav.'"));
        }

        @Test
        void fillsPlaceholdersFromATemplateReadByPath() {
            assertThat(eval("States.Format($.template, $.name)", "{'name': 'Arnav', 'template': 'Hello, my name is {}.'}"))
                    .isEqualTo(json("'Hello, my name is Arnav.'"));
        }

        @Test
        void printsNumbersBooleansNullAndContainers() {
            JsonNode out = eval("States.Format('{} {} {} {} {} {}', 42, 1.5, true, null, $.list, $.obj)",
                    "{'list': ['a', 1], 'obj': {'k': 'v', 'n': [2]}}");
            assertThat(out).isEqualTo(raw("\"42 1.5 true null [a, 1] {k=v, n=[2]}\""));
        }

        @Test
        void honoursTheReservedCharacterEscapes() {
            // \' is ', \{ is {, \} is }, \\ is \ ; an escaped {} is not a placeholder
            JsonNode out = Intrinsics.evaluate("States.Format('it\\'s \\{\\} {} back\\\\slash', $.x)", input("{'x': 'ok'}"));
            assertThat(out.textValue()).isEqualTo("it's {} ok back\\slash");
        }

        @Test
        void anOpenEscapeIsAnError() {
            assertIntrinsicFailure("States.Format('a\\qb')", "{}");
        }

        @Test
        void placeholderAndArgumentCountsMustAgree() {
            assertIntrinsicFailure("States.Format('{} {}', 1)", "{}");
            assertIntrinsicFailure("States.Format('{}', 1, 2)", "{}");
            assertThat(Intrinsics.validate("States.Format('{} {}', 1)", "/States/A/Parameters/x.$")).hasSize(1);
        }
    }

    @Nested
    class JsonFunctions {

        @Test
        void stringToJsonParsesAnEscapedJsonString() {
            assertThat(Intrinsics.evaluate("States.StringToJson($.escapedJsonString)",
                    new EvalContext(raw("{\"escapedJsonString\": \"{\\\"foo\\\": \\\"bar\\\"}\"}"), null, null)))
                    .isEqualTo(json("{'foo': 'bar'}"));
        }

        @Test
        void stringToJsonRejectsInvalidJson() {
            assertIntrinsicFailure("States.StringToJson($.s)", "{'s': '{not json'}");
            assertIntrinsicFailure("States.StringToJson($.s)", "{'s': 5}");
        }

        @Test
        void jsonToStringWritesCompactJson() {
            assertThat(eval("States.JsonToString($.unescapedJson)", "{'unescapedJson': {'foo': 'bar'}}"))
                    .isEqualTo(raw("\"{\\\"foo\\\":\\\"bar\\\"}\""));
        }

        @Test
        void jsonToStringTakesAPath() {
            assertThat(Intrinsics.validate("States.JsonToString($.a)", "/x")).isEmpty();
            assertThat(Intrinsics.validate("States.JsonToString('a')", "/x")).hasSize(1);
        }

        @Test
        void jsonMergeIsShallowAndRightWins() {
            JsonNode out = eval("States.JsonMerge($.json1, $.json2, false)",
                    "{'json1': {'a': {'a1': 1, 'a2': 2}, 'b': 2}, 'json2': {'a': {'a3': 1, 'a4': 2}, 'c': 3}}");
            assertThat(out).isEqualTo(json("{'a': {'a3': 1, 'a4': 2}, 'b': 2, 'c': 3}"));
        }

        @Test
        void jsonMergeRejectsDeepMergingAndNonObjects() {
            assertIntrinsicFailure("States.JsonMerge($.a, $.b, true)", "{'a': {}, 'b': {}}");
            assertIntrinsicFailure("States.JsonMerge($.a, $.b, false)", "{'a': [], 'b': {}}");
            assertThat(Intrinsics.validate("States.JsonMerge($.a, $.b, true)", "/x")).hasSize(1);
        }
    }

    @Nested
    class Arrays {

        private static final String NINE = "{'inputArray': [1, 2, 3, 4, 5, 6, 7, 8, 9], 'lookingFor': 5, 'index': 5}";

        @Test
        void arrayCollectsItsArguments() {
            assertThat(eval("States.Array($.Id)", "{'Id': 123456}")).isEqualTo(json("[123456]"));
            assertThat(eval("States.Array('a', 1, true, null, States.Array())", "{}")).isEqualTo(json("['a', 1, true, null, []]"));
        }

        @Test
        void arrayPartitionSplitsIntoChunks() {
            assertThat(eval("States.ArrayPartition($.inputArray, 4)", NINE)).isEqualTo(json("[[1, 2, 3, 4], [5, 6, 7, 8], [9]]"));
            assertThat(eval("States.ArrayPartition($.inputArray, 3.6)", NINE)).isEqualTo(json("[[1, 2, 3, 4], [5, 6, 7, 8], [9]]"));
        }

        @Test
        void arrayPartitionNeedsAPositiveChunkSize() {
            assertIntrinsicFailure("States.ArrayPartition($.inputArray, 0)", NINE);
            assertIntrinsicFailure("States.ArrayPartition($.lookingFor, 2)", NINE);
        }

        @Test
        void arrayContainsFindsAValue() {
            assertThat(eval("States.ArrayContains($.inputArray, $.lookingFor)", NINE)).isEqualTo(json("true"));
            assertThat(eval("States.ArrayContains($.inputArray, 42)", NINE)).isEqualTo(json("false"));
            assertThat(eval("States.ArrayContains($.a, $.o)", "{'a': [{'x': 1}], 'o': {'x': 1}}")).isEqualTo(json("true"));
        }

        @Test
        void arrayRangeBuildsTheDocumentedExample() {
            assertThat(eval("States.ArrayRange(1, 9, 2)", "{}")).isEqualTo(json("[1, 3, 5, 7, 9]"));
            assertThat(eval("States.ArrayRange(10, 1, -3)", "{}")).isEqualTo(json("[10, 7, 4, 1]"));
        }

        @Test
        void arrayRangeAllowsAtMostAThousandElements() {
            assertThat(eval("States.ArrayRange(1, 1000, 1)", "{}").size()).isEqualTo(1000);
            assertIntrinsicFailure("States.ArrayRange(0, 1000, 1)", "{}");
        }

        @Test
        void arrayRangeNeedsANonZeroStepAndNumbers() {
            assertIntrinsicFailure("States.ArrayRange(1, 9, 0)", "{}");
            assertIntrinsicFailure("States.ArrayRange('1', 9, 1)", "{}");
        }

        @Test
        void arrayGetItemReturnsTheIndexedValue() {
            assertThat(eval("States.ArrayGetItem($.inputArray, $.index)", NINE)).isEqualTo(json("6"));
        }

        @Test
        void arrayGetItemRejectsOutOfBoundsAndNonIntegerIndexes() {
            assertIntrinsicFailure("States.ArrayGetItem($.inputArray, 9)", NINE);
            assertIntrinsicFailure("States.ArrayGetItem($.inputArray, -1)", NINE);
            assertIntrinsicFailure("States.ArrayGetItem($.inputArray, 1.5)", NINE);
        }

        @Test
        void arrayLengthCountsElements() {
            assertThat(eval("States.ArrayLength($.inputArray)", NINE)).isEqualTo(json("9"));
            assertIntrinsicFailure("States.ArrayLength($.lookingFor)", NINE);
        }

        @Test
        void arrayUniqueKeepsTheFirstOfEachValueInOrder() {
            assertThat(eval("States.ArrayUnique($.inputArray)", "{'inputArray': [1, 2, 3, 3, 3, 3, 3, 3, 4]}"))
                    .isEqualTo(json("[1, 2, 3, 4]"));
            assertThat(eval("States.ArrayUnique($.a)", "{'a': ['b', {'k': 1}, 'b', {'k': 1}, 1.0, 1]}"))
                    .isEqualTo(json("['b', {'k': 1}, 1.0]"));
        }
    }

    @Nested
    class Encoding {

        @Test
        void base64EncodesAndDecodes() {
            assertThat(eval("States.Base64Encode($.input)", "{'input': 'Data to encode'}")).isEqualTo(json("'RGF0YSB0byBlbmNvZGU='"));
            assertThat(eval("States.Base64Decode($.base64)", "{'base64': 'RGF0YSB0byBlbmNvZGU='}")).isEqualTo(json("'Data to encode'"));
        }

        @Test
        void base64RejectsInputsLongerThanTenThousandCharacters() {
            EvalContext ctx = new EvalContext(Intrinsics.object().put("s", "x".repeat(10_001)), null, null);
            assertThatThrownBy(() -> Intrinsics.evaluate("States.Base64Encode($.s)", ctx)).isInstanceOf(EvaluationException.class);
            EvalContext ok = new EvalContext(Intrinsics.object().put("s", "x".repeat(10_000)), null, null);
            assertThat(Intrinsics.evaluate("States.Base64Encode($.s)", ok).textValue()).isNotEmpty();
        }

        @Test
        void base64DecodeRejectsInvalidInput() {
            assertIntrinsicFailure("States.Base64Decode('not base64!')", "{}");
        }

        @ParameterizedTest
        @CsvSource({
            "MD5, 900150983cd24fb0d6963f7d28e17f72",
            "SHA-1, a9993e364706816aba3e25717850c26c9cd0d89d",
            "SHA-256, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "SHA-384, cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
            "SHA-512, ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        })
        void hashMatchesTheStandardTestVectors(String algorithm, String hex) {
            assertThat(eval("States.Hash($.Data, $.Algorithm)", "{'Data': 'abc', 'Algorithm': '" + algorithm + "'}"))
                    .isEqualTo(json("'" + hex + "'"));
        }

        @Test
        void hashMatchesTheDeveloperGuideExample() {
            assertThat(eval("States.Hash($.Data, $.Algorithm)", "{'Data': 'input data', 'Algorithm': 'SHA-1'}"))
                    .isEqualTo(json("'aaff4a450a104cd177d28d18d74485e8cae074b7'"));
        }

        @Test
        void hashRejectsUnknownAlgorithms() {
            assertIntrinsicFailure("States.Hash('abc', 'SHA-3')", "{}");
            assertThat(Intrinsics.validate("States.Hash('abc', 'CRC32')", "/x")).hasSize(1);
        }
    }

    @Nested
    class MathAndStrings {

        @Test
        void mathAddAddsIntegers() {
            assertThat(eval("States.MathAdd($.value1, $.step)", "{'value1': 111, 'step': -1}")).isEqualTo(json("110"));
        }

        @ParameterizedTest
        @CsvSource({"1.49, 1.5, 3", "1.5, 1.51, 4", "-1.49, -1.5, -2", "-1.5, -1.51, -3", "-9, 3, -6"})
        void mathAddRoundsEachArgumentToTheNearestInteger(String a, String b, long sum) {
            assertThat(eval("States.MathAdd($.a, $.b)", "{'a': " + a + ", 'b': " + b + "}").longValue()).isEqualTo(sum);
        }

        @Test
        void mathAddRejectsValuesOutsideTheIntRange() {
            assertIntrinsicFailure("States.MathAdd(2147483648, 1)", "{}");
            assertIntrinsicFailure("States.MathAdd('1', 1)", "{}");
        }

        @Test
        void mathRandomStaysInRange() {
            for (int i = 0; i < 200; i++) {
                long value = eval("States.MathRandom($.start, $.end)", "{'start': 1, 'end': 3}").longValue();
                assertThat(value).isBetween(1L, 3L);
            }
        }

        @Test
        void mathRandomWithTheSameSeedGivesTheSameNumber() {
            JsonNode first = eval("States.MathRandom(1, 999, 7)", "{}");
            assertThat(eval("States.MathRandom(1, 999, 7)", "{}")).isEqualTo(first);
            assertThat(first.longValue()).isBetween(1L, 999L);
        }

        @Test
        void stringSplitSplitsOnEachDelimiterCharacter() {
            assertThat(eval("States.StringSplit($.inputString, $.splitter)", "{'inputString': '1,2,3,4,5', 'splitter': ','}"))
                    .isEqualTo(json("['1', '2', '3', '4', '5']"));
            assertThat(eval("States.StringSplit($.inputString, $.splitter)",
                    "{'inputString': 'This.is+a,test=string', 'splitter': '.+,='}"))
                    .isEqualTo(json("['This', 'is', 'a', 'test', 'string']"));
        }

        @Test
        void uuidIsAVersionFourUuid() {
            String uuid = eval("States.UUID()", "{}").textValue();
            assertThat(uuid).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(eval("States.UUID()", "{}").textValue()).isNotEqualTo(uuid);
        }
    }

    @Nested
    class InvocationRules {

        @Test
        void evaluatesNestedCalls() {
            String arn = "{'ImageRecipe': {'Arn': 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/myrecipe/1.0.0'}}";
            String expr = "States.Format('{}.{}', "
                    + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), "
                    + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
            assertThat(eval(expr, arn)).isEqualTo(json("'1.0'"));
            assertThat(Intrinsics.validate(expr, "/States/A/Parameters/myArn.$")).isEmpty();
        }

        @Test
        void readsContextAndVariablePaths() {
            EvalContext ctx = new EvalContext(json("{}"), json("{'Execution': {'Name': 'run-1'}}"), Map.of("suffix", json("'x'")));
            assertThat(Intrinsics.evaluate("States.Format('{}-{}', $$.Execution.Name, $suffix)", ctx)).isEqualTo(json("'run-1-x'"));
        }

        @Test
        void aMissingPathArgumentIsAStatesRuntimeError() {
            assertThatThrownBy(() -> eval("States.Array($.missing)", "{}"))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
            assertThatThrownBy(() -> Intrinsics.evaluate("States.Array($.missing)", input("{}"), "ids.$"))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> assertThat(e.cause())
                            .isEqualTo("The JSONPath '$.missing' specified for the field 'ids.$' could not be found in the input '{}'"));
        }

        @Test
        void pathArgumentsMayContainCommasAndParenthesesInsideBrackets() {
            assertThat(eval("States.Array($.a[?(@.k == 'x,y')].v, 'z')", "{'a': [{'k': 'x,y', 'v': 1}]}"))
                    .isEqualTo(json("[[1], 'z']"));
        }

        @Test
        void wrongArgumentCountsFailAtRunTimeAndAtDefinitionTime() {
            assertIntrinsicFailure("States.ArrayLength($.a, $.b)", "{'a': [], 'b': []}");
            assertIntrinsicFailure("States.UUID(1)", "{}");
            assertThat(Intrinsics.validate("States.ArrayRange(1, 2)", "/x")).hasSize(1);
            assertThat(Intrinsics.validate("States.MathRandom(1)", "/x")).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"States.Nope(1)", "States.Array(", "States.Array('a' 'b')", "States.Array('open)", "States.Array($.a) x"})
        void rejectsMalformedOrUnknownInvocations(String expression) {
            assertThat(Intrinsics.validate(expression, "/States/A/Parameters/x.$")).isNotEmpty();
        }

        @Test
        void allowsAtMostTenNestedFunctions() {
            String ten = "States.Array(".repeat(10) + ")".repeat(10);
            String eleven = "States.Array(".repeat(11) + ")".repeat(11);
            assertThat(Intrinsics.validate(ten, "/x")).isEmpty();
            assertThat(Intrinsics.validate(eleven, "/x")).isNotEmpty();
        }
    }
}
