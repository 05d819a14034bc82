package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The comparison operators of a JSONPath Choice rule and their type rules. */
enum ChoiceOperator {
    STRING_EQUALS("StringEquals", Kind.STRING, Relation.EQ),
    STRING_LESS_THAN("StringLessThan", Kind.STRING, Relation.LT),
    STRING_GREATER_THAN("StringGreaterThan", Kind.STRING, Relation.GT),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", Kind.STRING, Relation.LE),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Kind.STRING, Relation.GE),
    STRING_MATCHES("StringMatches", Kind.PATTERN, Relation.EQ),
    NUMERIC_EQUALS("NumericEquals", Kind.NUMBER, Relation.EQ),
    NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMBER, Relation.LT),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMBER, Relation.GT),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMBER, Relation.LE),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMBER, Relation.GE),
    BOOLEAN_EQUALS("BooleanEquals", Kind.BOOLEAN, Relation.EQ),
    TIMESTAMP_EQUALS("TimestampEquals", Kind.TIMESTAMP, Relation.EQ),
    TIMESTAMP_LESS_THAN("TimestampLessThan", Kind.TIMESTAMP, Relation.LT),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Kind.TIMESTAMP, Relation.GT),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Kind.TIMESTAMP, Relation.LE),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Kind.TIMESTAMP, Relation.GE),
    IS_NULL("IsNull", Kind.TYPE_TEST, Relation.EQ),
    IS_PRESENT("IsPresent", Kind.TYPE_TEST, Relation.EQ),
    IS_NUMERIC("IsNumeric", Kind.TYPE_TEST, Relation.EQ),
    IS_STRING("IsString", Kind.TYPE_TEST, Relation.EQ),
    IS_BOOLEAN("IsBoolean", Kind.TYPE_TEST, Relation.EQ),
    IS_TIMESTAMP("IsTimestamp", Kind.TYPE_TEST, Relation.EQ);

    enum Kind { STRING, PATTERN, NUMBER, BOOLEAN, TIMESTAMP, TYPE_TEST }

    enum Relation { EQ, LT, GT, LE, GE }

    /** RFC 3339 as the States Language restricts it: uppercase T, and Z or a numeric offset. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Map<String, ChoiceOperator> BY_NAME = new HashMap<>();

    static {
        for (ChoiceOperator op : values()) {
            BY_NAME.put(op.awsName, op);
        }
    }

    final String awsName;
    final Kind kind;
    final Relation relation;

    ChoiceOperator(String awsName, Kind kind, Relation relation) {
        this.awsName = awsName;
        this.kind = kind;
        this.relation = relation;
    }

    /** The operator named by a rule field: {@code NumericEquals}, or its {@code Path} form when {@code pathForm}. */
    static ChoiceOperator named(String field) {
        ChoiceOperator op = BY_NAME.get(field);
        if (op != null) {
            return op;
        }
        if (field.endsWith("Path")) {
            op = BY_NAME.get(field.substring(0, field.length() - 4));
            if (op != null && op.hasPathForm()) {
                return op;
            }
        }
        return null;
    }

    /** StringMatches and the Is* type tests have no {@code ...Path} form. */
    boolean hasPathForm() {
        return kind != Kind.PATTERN && kind != Kind.TYPE_TEST;
    }

    /** True when the literal operand has the type the operator needs. */
    boolean acceptsOperand(JsonNode operand) {
        return switch (kind) {
            case STRING, PATTERN -> operand.isTextual();
            case NUMBER -> operand.isNumber();
            case BOOLEAN, TYPE_TEST -> operand.isBoolean();
            case TIMESTAMP -> operand.isTextual() && timestamp(operand.textValue()) != null;
        };
    }

    String operandType() {
        return switch (kind) {
            case STRING, PATTERN -> "a STRING";
            case NUMBER -> "a NUMBER";
            case BOOLEAN, TYPE_TEST -> "a BOOLEAN";
            case TIMESTAMP -> "a STRING holding an RFC 3339 timestamp";
        };
    }

    /**
     * Compares a present value with the operand; a value or operand of the wrong type makes the
     * comparison false, never an error (AWS's type rule).
     */
    boolean test(JsonNode value, JsonNode operand) {
        return switch (kind) {
            case STRING -> value.isTextual() && operand.isTextual()
                    && holds(value.textValue().compareTo(operand.textValue()));
            case PATTERN -> value.isTextual() && operand.isTextual() && matches(value.textValue(), operand.textValue());
            case NUMBER -> value.isNumber() && operand.isNumber()
                    && holds(value.decimalValue().compareTo(operand.decimalValue()));
            case BOOLEAN -> value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
            case TIMESTAMP -> compareTimestamps(value, operand);
            case TYPE_TEST -> operand.isBoolean() && typeTest(value) == operand.booleanValue();
        };
    }

    private boolean compareTimestamps(JsonNode value, JsonNode operand) {
        if (!value.isTextual() || !operand.isTextual()) {
            return false;
        }
        Instant left = timestamp(value.textValue());
        Instant right = timestamp(operand.textValue());
        return left != null && right != null && holds(left.compareTo(right));
    }

    private boolean typeTest(JsonNode value) {
        return switch (this) {
            case IS_NULL -> value.isNull();
            case IS_PRESENT -> true;
            case IS_NUMERIC -> value.isNumber();
            case IS_STRING -> value.isTextual();
            case IS_BOOLEAN -> value.isBoolean();
            case IS_TIMESTAMP -> value.isTextual() && timestamp(value.textValue()) != null;
            default -> throw new IllegalStateException(name() + " is not a type test");
        };
    }

    private boolean holds(int comparison) {
        return switch (relation) {
            case EQ -> comparison == 0;
            case LT -> comparison < 0;
            case GT -> comparison > 0;
            case LE -> comparison <= 0;
            case GE -> comparison >= 0;
        };
    }

    static Instant timestamp(String text) {
        if (!TIMESTAMP.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** StringMatches: {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
    static boolean matches(String value, String pattern) {
        // tokens: a character, or -1 for an unescaped '*'
        int[] tokens = new int[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                tokens[n++] = pattern.charAt(++i);
            } else {
                tokens[n++] = c == '*' ? -1 : c;
            }
        }
        // greedy matching with backtracking to the last star: linear in practice
        int si = 0;
        int ti = 0;
        int star = -1;
        int resume = 0;
        while (si < value.length()) {
            if (ti < n && tokens[ti] != -1 && tokens[ti] == value.charAt(si)) {
                si++;
                ti++;
            } else if (ti < n && tokens[ti] == -1) {
                star = ti++;
                resume = si;
            } else if (star >= 0) {
                ti = star + 1;
                si = ++resume;
            } else {
                return false;
            }
        }
        while (ti < n && tokens[ti] == -1) {
            ti++;
        }
        return ti == n;
    }
}
