package dev.fanout.statemachines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's ASL definition, as packaged in this module's jar (the file is
 * {@code statemachines/pipeline.asl.json} in the repository).
 *
 * <pre>{@code
 * String template = StateMachineDefinitions.pipeline();          // with ${...} placeholders, for the CDK
 * String runnable = StateMachineDefinitions.render(Map.of(        // substituted, for the local runtime
 *         Placeholders.SplitterFunctionArn, "arn:aws:lambda:us-east-1:123456789012:function:splitter",
 *         Placeholders.ReducerFunctionArn, "arn:aws:lambda:us-east-1:123456789012:function:reducer",
 *         Placeholders.WorkQueueUrl, "http://localhost:9324/000000000000/work"));
 * }</pre>
 */
public final class StateMachineDefinitions {

    /** File name of the pipeline definition, in the repository directory and on the classpath. */
    public static final String PIPELINE_FILE = "pipeline.asl.json";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private StateMachineDefinitions() {
    }

    /** The pipeline definition with its {@code ${Name}} placeholders in place. */
    public static String pipeline() {
        try (InputStream in = StateMachineDefinitions.class.getResourceAsStream(PIPELINE_FILE)) {
            if (in == null) {
                throw new IllegalStateException(PIPELINE_FILE + " is missing from the classpath next to "
                        + StateMachineDefinitions.class.getName() + "; is fanout-statemachines built?");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PIPELINE_FILE, e);
        }
    }

    /** The pipeline definition with every placeholder replaced; see {@link #render(String, Map)}. */
    public static String render(Map<Placeholders, String> values) {
        return render(pipeline(), values);
    }

    /**
     * Replaces every {@code ${Name}} in {@code definition} with its value, textually, as CloudFormation's
     * {@code DefinitionSubstitutions} does. Values are inserted verbatim (ARNs and URLs need no JSON escaping).
     *
     * @throws IllegalArgumentException if a value is missing for one of {@link Placeholders}, or the definition
     *                                  contains a placeholder that is not one of them
     */
    public static String render(String definition, Map<Placeholders, String> values) {
        Objects.requireNonNull(definition, "definition");
        Map<Placeholders, String> copy = new EnumMap<>(Placeholders.class);
        copy.putAll(Objects.requireNonNull(values, "values"));
        TreeSet<String> missing = new TreeSet<>();
        for (Placeholders p : Placeholders.values()) {
            if (copy.get(p) == null) {
                missing.add(p.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no value for placeholder(s) " + missing);
        }
        Matcher m = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder(definition.length() + 256);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(copy.get(placeholder(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Placeholders placeholder(String name) {
        for (Placeholders p : Placeholders.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown placeholder ${" + name + "}; known: "
                + Arrays.toString(Placeholders.values()));
    }
}
