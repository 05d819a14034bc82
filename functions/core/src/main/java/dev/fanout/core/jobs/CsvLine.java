package dev.fanout.core.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 fields of one line: separated by commas, optionally enclosed in double quotes, a doubled quote
 * inside quotes standing for one. Records never span lines here (each chunk line is a record), so a quote left
 * open at the end of the line is an error. Errors carry a reason, never the line's text.
 */
final class CsvLine {
    private CsvLine() {
    }

    /** Thrown with a content-free reason. */
    static final class BadLine extends Exception {
        BadLine(String reason) {
            super(reason, null, false, false);
        }
    }

    static List<String> parse(String line) throws BadLine {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                i = quoted(line, i + 1, field);
                if (i < n && line.charAt(i) != ',') {
                    throw new BadLine("unexpected character after a closing quote at column " + (i + 1));
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    if (line.charAt(i) == '"') {
                        throw new BadLine("quote inside an unquoted field at column " + (i + 1));
                    }
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** Reads a quoted field's content from {@code i} (after the opening quote); returns the index after the closing quote. */
    private static int quoted(String line, int i, StringBuilder field) throws BadLine {
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < n && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            field.append(c);
            i++;
        }
        throw new BadLine("unterminated quoted field");
    }
}
