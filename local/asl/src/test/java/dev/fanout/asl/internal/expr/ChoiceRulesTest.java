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

class ChoiceRulesTest {

    private static boolean matches(String rule, String inputJson) {
        return ChoiceRules.matches(json(rule), input(inputJson));
    }

    @Nested
    class Comparisons {

        @ParameterizedTest(name = "{0} {1} against {2} -> {3}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "StringEquals             | 'b'  | 'b' | true",
            "StringEquals             | 'b'  | 'c' | false",
            "StringLessThan           | 'b'  | 'c' | true",
            "StringLessThan           | 'c'  | 'c' | false",
            "StringGreaterThan        | 'd'  | 'c' | true",
            "StringGreaterThan        | 'a'  | 'c' | false",
            "StringLessThanEquals     | 'c'  | 'c' | true",
            "StringLessThanEquals     | 'd'  | 'c' | false",
            "StringGreaterThanEquals  | 'c'  | 'c' | true",
            "StringGreaterThanEquals  | 'b'  | 'c' | false",
            "NumericEquals            | 1    | 1.0 | true",
            "NumericEquals            | 1    | 2   | false",
            "NumericLessThan          | 1    | 2   | true",
            "NumericLessThan          | 2    | 2   | false",
            "NumericGreaterThan       | 3.5  | 2   | true",
            "NumericGreaterThan       | 2    | 2   | false",
            "NumericLessThanEquals    | 2    | 2   | true",
            "NumericLessThanEquals    | 3    | 2   | false",
            "NumericGreaterThanEquals | 2    | 2   | true",
            "NumericGreaterThanEquals | 1    | 2   | false",
            "BooleanEquals            | true | true | true",
            "BooleanEquals            | false | true | false",
            "TimestampEquals          | '2001-01-01T12:00:00Z' | '2001-01-01T13:00:00+01:00' | true",
            "TimestampEquals          | '2001-01-01T12:00:00Z' | '2001-01-01T12:00:01Z' | false",
            "TimestampLessThan        | '2001-01-01T12:00:00Z' | '2001-01-01T12:00:00.5Z' | true",
            "TimestampLessThan        | '2001-01-01T12:00:01Z' | '2001-01-01T12:00:00Z' | false",
            "TimestampGreaterThan     | '2016-03-14T02:00:00Z' | '2016-03-14T01:59:00Z' | true",
            "TimestampGreaterThan     | '2016-03-14T01:00:00Z' | '2016-03-14T01:59:00Z' | false",
            "TimestampLessThanEquals  | '2016-03-14T01:59:00Z' | '2016-03-14T01:59:00Z' | true",
            "TimestampLessThanEquals  | '2016-03-14T02:00:00Z' | '2016-03-14T01:59:00Z' | false",
            "TimestampGreaterThanEquals | '2016-03-14T01:59:00Z' | '2016-03-14T01:59:00Z' | true",
            "TimestampGreaterThanEquals | '2016-03-14T01:58:00Z' | '2016-03-14T01:59:00Z' | false",
        })
        void literalAndPathFormsAgree(String operator, String value, String operand, boolean expected) {
            String in = "{'v': " + value + ", 'o': " + operand + "}";
            assertThat(matches("{'Variable': '$.v', '" + operator + "': " + operand + "}", in)).isEqualTo(expected);
            assertThat(matches("{'Variable': '$.v', '" + operator + "Path': '$.o'}", in)).isEqualTo(expected);
        }

        @ParameterizedTest(name = "{0} on {1} -> {2}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "StringEquals        | 5",
            "StringLessThan      | 5",
            "NumericEquals       | '5'",
            "NumericGreaterThan  | '9'",
            "BooleanEquals       | 'true'",
            "TimestampEquals     | 5",
            "TimestampLessThan   | 'not a timestamp'",
            "StringMatches       | 5",
        })
        void aValueOfTheWrongTypeIsSimplyFalse(String operator, String value) {
            String operand = switch (operator) {
                case "NumericEquals", "NumericGreaterThan" -> "5";
                case "BooleanEquals" -> "true";
                case "TimestampEquals", "TimestampLessThan" -> "'2016-03-14T01:59:00Z'";
                default -> "'5'";
            };
            assertThat(matches("{'Variable': '$.v', '" + operator + "': " + operand + "}", "{'v': " + value + "}")).isFalse();
        }

        @Test
        void aPathOperandOfTheWrongTypeIsSimplyFalse() {
            assertThat(matches("{'Variable': '$.v', 'NumericEqualsPath': '$.o'}", "{'v': 1, 'o': '1'}")).isFalse();
        }

        @Test
        void timestampsNeedUppercaseTAndAZoneAsTheSpecificationRequires() {
            assertThat(matches("{'Variable': '$.v', 'TimestampEquals': '2016-03-14T01:59:00Z'}", "{'v': '2016-03-14t01:59:00Z'}")).isFalse();
            assertThat(matches("{'Variable': '$.v', 'TimestampEquals': '2016-03-14T01:59:00Z'}", "{'v': '2016-03-14T01:59:00'}")).isFalse();
        }

        @Test
        void comparesContextObjectAndVariablePaths() {
            EvalContext ctx = new EvalContext(json("{}"), json("{'Map': {'Item': {'Index': 2}}}"), Map.of("limit", json("2")));
            assertThat(ChoiceRules.matches(json("{'Variable': '$$.Map.Item.Index', 'NumericEqualsPath': '$limit'}"), ctx)).isTrue();
        }
    }

    @Nested
    class StringMatches {

        @ParameterizedTest(name = "{0} matches {1} -> {2}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "log-*.txt        | log-2023.txt   | true",
            "log-*.txt        | log-.txt       | true",
            "log-*.txt        | log-2023.csv   | false",
            "*.log            | app.log        | true",
            "*.log            | app.log.gz     | false",
            "a*b*c            | axxbyyc        | true",
            "a*b*c            | acb            | false",
            "*                | ''             | true",
            "exact            | exact          | true",
            "exact            | exactly        | false",
        })
        void wildcardsMatchAnyRunOfCharacters(String pattern, String value, boolean expected) {
            assertThat(ChoiceOperator.matches("''".equals(value) ? "" : value, pattern)).isEqualTo(expected);
        }

        @Test
        void escapedAsterisksAndBackslashesAreLiteral() {
            // JSON "a\\*b" is the pattern a\*b: a literal asterisk
            JsonNode rule = raw("{\"Variable\": \"$.v\", \"StringMatches\": \"a\\\\*b\"}");
            assertThat(ChoiceRules.matches(rule, new EvalContext(raw("{\"v\": \"a*b\"}"), null, null))).isTrue();
            assertThat(ChoiceRules.matches(rule, new EvalContext(raw("{\"v\": \"axxb\"}"), null, null))).isFalse();
            assertThat(ChoiceOperator.matches("a\\b", "a\\\\*")).isTrue();
        }
    }

    @Nested
    class TypeTests {

        @ParameterizedTest(name = "{0} on {1} -> {2}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "IsNull      | null                    | true",
            "IsNull      | 0                       | false",
            "IsNumeric   | 1.5                     | true",
            "IsNumeric   | '1.5'                   | false",
            "IsString    | 'x'                     | true",
            "IsString    | null                    | false",
            "IsBoolean   | false                   | true",
            "IsBoolean   | 'false'                 | false",
            "IsTimestamp | '2016-03-14T01:59:00Z'  | true",
            "IsTimestamp | '2016-03-14'            | false",
            "IsPresent   | null                    | true",
        })
        void testTheTypeOfThePresentValue(String operator, String value, boolean expected) {
            assertThat(matches("{'Variable': '$.v', '" + operator + "': true}", "{'v': " + value + "}")).isEqualTo(expected);
            assertThat(matches("{'Variable': '$.v', '" + operator + "': false}", "{'v': " + value + "}")).isEqualTo(!expected);
        }

        @Test
        void isPresentIsTheOnlyOperatorThatToleratesAMissingVariable() {
            assertThat(matches("{'Variable': '$.missing', 'IsPresent': false}", "{}")).isTrue();
            assertThat(matches("{'Variable': '$.missing', 'IsPresent': true}", "{}")).isFalse();
            assertThatThrownBy(() -> matches("{'Variable': '$.missing', 'IsNull': true}", "{}"))
                    .isInstanceOf(EvaluationException.class);
        }
    }

    @Nested
    class MissingPaths {

        @Test
        void aMissingVariableIsAStatesRuntimeError() {
            assertThatThrownBy(() -> matches("{'Variable': '$.missing', 'StringEquals': 'x'}", "{}"))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> {
                        assertThat(e.error()).isEqualTo("States.Runtime");
                        assertThat(e.cause()).isEqualTo(
                                "Invalid path '$.missing': The choice state's condition path references an invalid value.");
                    });
        }

        @Test
        void aNullInputCannotBeTestedEvenForItsType() {
            // awslabs/states-language issue 29: AWS answers this for {"Variable": "$", "IsString": true}
            assertThatThrownBy(() -> matches("{'Variable': '$', 'IsString': true}", "null"))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> assertThat(e.cause())
                            .isEqualTo("Unable to apply Path transformation to null or empty input."));
        }

        @Test
        void aMissingOperandPathIsAStatesRuntimeError() {
            assertThatThrownBy(() -> matches("{'Variable': '$.v', 'NumericEqualsPath': '$.right'}", "{'v': 8}"))
                    .isInstanceOfSatisfying(EvaluationException.class, e -> assertThat(e.cause()).isEqualTo(
                            "Invalid path '$.right': The choice state's condition path references an invalid value."));
        }
    }

    @Nested
    class BooleanExpressions {

        /** The And example of the States Language specification: 20 <= value < 30. */
        private static final String AND = "{'And': [{'Variable': '$.value', 'NumericGreaterThanEquals': 20},"
                + " {'Variable': '$.value', 'NumericLessThan': 30}], 'Next': 'ValueInTwenties'}";

        @Test
        void andNeedsEveryRule() {
            assertThat(matches(AND, "{'value': 20}")).isTrue();
            assertThat(matches(AND, "{'value': 29.9}")).isTrue();
            assertThat(matches(AND, "{'value': 30}")).isFalse();
            assertThat(matches(AND, "{'value': 19}")).isFalse();
        }

        @Test
        void orNeedsOneRuleAndStopsAtTheFirstMatch() {
            // the second rule would fail on the missing path, but the first already matched
            String or = "{'Or': [{'Variable': '$.a', 'BooleanEquals': true}, {'Variable': '$.missing', 'IsNull': true}]}";
            assertThat(matches(or, "{'a': true}")).isTrue();
            assertThatThrownBy(() -> matches(or, "{'a': false}")).isInstanceOf(EvaluationException.class);
        }

        @Test
        void notNegatesTheSpecificationExample() {
            String not = "{'Not': {'Variable': '$.type', 'StringEquals': 'Private'}, 'Next': 'Public'}";
            assertThat(matches(not, "{'type': 'Public'}")).isTrue();
            assertThat(matches(not, "{'type': 'Private'}")).isFalse();
        }

        @Test
        void nestsDeeply() {
            String rule = "{'And': [{'Not': {'Or': [{'Variable': '$.a', 'IsNull': true}, {'Variable': '$.a', 'NumericLessThan': 0}]}},"
                    + " {'Variable': '$.b', 'StringMatches': 'ok*'}]}";
            assertThat(matches(rule, "{'a': 5, 'b': 'okay'}")).isTrue();
            assertThat(matches(rule, "{'a': -1, 'b': 'okay'}")).isFalse();
            assertThat(matches(rule, "{'a': null, 'b': 'okay'}")).isFalse();
        }
    }

    @Nested
    class Validation {

        private static final String WHERE = "/States/Decide/Choices/0";

        @Test
        void acceptsWellFormedRules() {
            assertThat(ChoiceRules.validate(json(BooleanExpressions.AND), WHERE)).isEmpty();
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'StringEqualsPath': '$$.Execution.Name', 'Next': 'X',"
                    + " 'Comment': 'c', 'Assign': {'a': 1}}"), WHERE)).isEmpty();
            assertThat(ChoiceRules.validate(json("{'Variable': '$v.x', 'IsPresent': true, 'Next': 'X'}"), WHERE)).isEmpty();
        }

        @Test
        void aTopLevelRuleNeedsNext() {
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'IsNull': true}"), WHERE))
                    .containsExactly("These fields are required: [Next] at " + WHERE);
        }

        @Test
        void nestedRulesMustNotHaveNext() {
            assertThat(ChoiceRules.validate(json("{'Not': {'Variable': '$.v', 'IsNull': true, 'Next': 'X'}, 'Next': 'Y'}"), WHERE))
                    .containsExactly("Field 'Next' is not supported at " + WHERE + "/Not");
        }

        @Test
        void exactlyOneOperatorPerRule() {
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'IsNull': true, 'IsString': true, 'Next': 'X'}"), WHERE)).hasSize(1);
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'Next': 'X'}"), WHERE)).hasSize(1);
        }

        @Test
        void operandsMustHaveTheOperatorsType() {
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'NumericEquals': '1', 'Next': 'X'}"), WHERE)).hasSize(1);
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'StringEquals': 1, 'Next': 'X'}"), WHERE)).hasSize(1);
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'IsNull': 'yes', 'Next': 'X'}"), WHERE)).hasSize(1);
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'TimestampEquals': 'yesterday', 'Next': 'X'}"), WHERE)).hasSize(1);
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'NumericEqualsPath': 'x', 'Next': 'X'}"), WHERE)).hasSize(1);
        }

        @Test
        void typeTestsAndStringMatchesHaveNoPathForm() {
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'IsNullPath': '$.x', 'Next': 'X'}"), WHERE)).isNotEmpty();
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'StringMatchesPath': '$.x', 'Next': 'X'}"), WHERE)).isNotEmpty();
        }

        @Test
        void booleanOperatorsNeedRulesAndNoVariable() {
            assertThat(ChoiceRules.validate(json("{'And': [], 'Next': 'X'}"), WHERE)).hasSize(1);
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'Or': [{'Variable': '$.v', 'IsNull': true}], 'Next': 'X'}"), WHERE))
                    .hasSize(1);
            assertThat(ChoiceRules.validate(json("{'And': [{'Variable': '$.v'}], 'Next': 'X'}"), WHERE)).hasSize(1);
        }

        @Test
        void unknownFieldsAndBadVariablesAreReported() {
            assertThat(ChoiceRules.validate(json("{'Variable': '$.v', 'StringEquals': 'a', 'Nxt': 'X', 'Next': 'X'}"), WHERE)).hasSize(1);
            assertThat(ChoiceRules.validate(json("{'Variable': 'v', 'StringEquals': 'a', 'Next': 'X'}"), WHERE)).hasSize(1);
        }
    }
}
