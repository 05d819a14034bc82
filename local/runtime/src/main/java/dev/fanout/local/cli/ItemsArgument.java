package dev.fanout.local.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The value of {@code --items}: a JSON array written inline ({@code '[1,2,3]'}), or {@code @FILE} naming a file
 * that holds one, laid out in any way (pretty-printed, over many lines). picocli's own @-file expansion is off
 * for the whole command line ({@link FanoutCli#commandLine()}): it would split the file's JSON at whitespace into
 * separate arguments.
 */
final class ItemsArgument {
    private ItemsArgument() {
    }

    static boolean namesFile(String value) {
        return value.startsWith("@");
    }

    /** The file of {@code @FILE}; call only when {@link #problem} found none. */
    static Path file(String value) {
        return Path.of(value.substring(1));
    }

    /** What is wrong with {@code --items value}, in one line; null when it is one JSON array. */
    static String problem(String value) {
        return namesFile(value) ? fileProblem(value) : inlineProblem(value);
    }

    private static String inlineProblem(String value) {
        try {
            JsonNode tree = JobsApiClient.json().readTree(value);
            return tree != null && tree.isArray() ? null : "--items must be a JSON array, e.g. [1,2,3]";
        } catch (JsonProcessingException e) {
            return "--items is not valid JSON: " + e.getOriginalMessage();
        }
    }

    /** Reads the whole file as a token stream (nothing is kept), so a file of any size is checked up front. */
    private static String fileProblem(String value) {
        if (value.length() == 1) {
            return "--items @ needs a file name, e.g. --items @numbers.json";
        }
        Path file;
        try {
            file = file(value);
        } catch (InvalidPathException e) {
            return "--items " + value + ": not a file name (" + e.getReason() + ")";
        }
        if (!Files.exists(file)) {
            return "no such file: " + file;
        }
        if (!Files.isRegularFile(file)) {
            return file + " is not a file";
        }
        if (!Files.isReadable(file)) {
            return "cannot read " + file + ": permission denied";
        }
        try (JsonParser parser = JobsApiClient.json().getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return "--items " + value + " must hold a JSON array, e.g. [1,2,3]";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "--items " + value + " must hold one JSON array; more follows it at "
                        + at(parser.currentTokenLocation());
            }
            return null;
        } catch (JsonProcessingException e) {
            return "--items " + value + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at " + at(e.getLocation()));
        } catch (IOException e) {
            return "cannot read " + file + ": " + e.getMessage();
        }
    }

    private static String at(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
