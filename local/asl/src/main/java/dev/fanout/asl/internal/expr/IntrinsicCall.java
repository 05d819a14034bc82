package dev.fanout.asl.internal.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The parsed form of an intrinsic function invocation such as {@code States.Format('{}', $.a)}. */
sealed interface IntrinsicCall {

    /** A literal argument; for a string, {@code raw} keeps the escapes so States.Format can tell {@code \{} from {@code {}. */
    record Literal(JsonNode value, String raw) implements IntrinsicCall {}

    /** A path argument: {@code $.x}, {@code $$.x} or {@code $var}. */
    record PathArg(String path) implements IntrinsicCall {}

    /** A nested call. */
    record Call(String name, List<IntrinsicCall> args) implements IntrinsicCall {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** Parse failure with a reason. */
    final class SyntaxException extends RuntimeException {
        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    Map<String, Call> CACHE = new ConcurrentHashMap<>();

    /** Parses (cached) a whole invocation; throws SyntaxException. */
    static Call parse(String text) {
        Call cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        Parser parser = new Parser(text);
        IntrinsicCall parsed = parser.expression();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw new SyntaxException("unexpected '" + text.substring(parser.pos) + "' after the function call");
        }
        if (!(parsed instanceof Call call)) {
            throw new SyntaxException("not an intrinsic function call");
        }
        if (CACHE.size() < 10_000) {
            CACHE.putIfAbsent(text, call);
        }
        return call;
    }

    /** Recursive-descent parser of the intrinsic function grammar of the States Language. */
    final class Parser {
        private final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IntrinsicCall expression() {
            skipSpace();
            if (pos >= s.length()) {
                throw new SyntaxException("missing argument");
            }
            char c = s.charAt(pos);
            if (s.startsWith("States.", pos)) {
                return call();
            }
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                return path();
            }
            if (c == '-' || Character.isDigit(c)) {
                return number();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, pos) && !isWordChar(pos + word.length())) {
                    pos += word.length();
                    JsonNode value = switch (word) {
                        case "true" -> BooleanNode.TRUE;
                        case "false" -> BooleanNode.FALSE;
                        default -> NullNode.getInstance();
                    };
                    return new Literal(value, null);
                }
            }
            throw new SyntaxException("unexpected '" + s.substring(pos) + "'");
        }

        private boolean isWordChar(int at) {
            return at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_');
        }

        private Call call() {
            int start = pos;
            pos += "States.".length();
            while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
                pos++;
            }
            String name = s.substring(start, pos);
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != '(') {
                throw new SyntaxException("expected '(' after " + name);
            }
            pos++;
            List<IntrinsicCall> args = new ArrayList<>();
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ')') {
                pos++;
                return new Call(name, args);
            }
            while (true) {
                args.add(expression());
                skipSpace();
                if (pos >= s.length()) {
                    throw new SyntaxException("missing ')' in " + name);
                }
                char c = s.charAt(pos++);
                if (c == ')') {
                    return new Call(name, args);
                }
                if (c != ',') {
                    throw new SyntaxException("expected ',' or ')' in " + name + " but found '" + c + "'");
                }
            }
        }

        private Literal string() {
            pos++;
            StringBuilder value = new StringBuilder();
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\\') {
                    if (pos + 1 >= s.length()) {
                        throw new SyntaxException("open escape backslash at the end of the string");
                    }
                    char next = s.charAt(pos + 1);
                    if (next != '\'' && next != '{' && next != '}' && next != '\\') {
                        throw new SyntaxException("invalid escape sequence '\\" + next + "'");
                    }
                    value.append(next);
                    pos += 2;
                } else if (c == '\'') {
                    String raw = s.substring(start, pos);
                    pos++;
                    return new Literal(TextNode.valueOf(value.toString()), raw);
                } else {
                    value.append(c);
                    pos++;
                }
            }
            throw new SyntaxException("unterminated string literal");
        }

        private PathArg path() {
            int start = pos;
            int depth = 0;
            char quote = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (quote != 0) {
                    if (c == '\\') {
                        pos++; // an escaped character inside a quoted key
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || c == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (c == ',' && depth == 0) {
                    break;
                }
                pos++;
            }
            return new PathArg(s.substring(start, pos).strip());
        }

        private Literal number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || ".eE+-".indexOf(s.charAt(pos)) >= 0)) {
                pos++;
            }
            String text = s.substring(start, pos);
            try {
                BigDecimal value = new BigDecimal(text);
                if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
                    long asLong = value.longValueExact();
                    return new Literal(asLong == (int) asLong ? IntNode.valueOf((int) asLong) : LongNode.valueOf(asLong), null);
                }
                return new Literal(Json.NODES.numberNode(value.doubleValue()), null);
            } catch (ArithmeticException | NumberFormatException e) {
                if (e instanceof ArithmeticException) {
                    return new Literal(DecimalNode.valueOf(new BigDecimal(text)), null);
                }
                throw new SyntaxException("invalid number '" + text + "'");
            }
        }
    }
}
