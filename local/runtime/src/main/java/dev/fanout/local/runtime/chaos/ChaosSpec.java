package dev.fanout.local.runtime.chaos;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What chaos mode injects: a seed and a probability per {@link FaultKind}. Written as comma-separated
 * {@code key=value}: {@code seed=N} (default 1) and {@code <kind>=P} with P in [0, 1], e.g.
 * {@code seed=7,throw=0.2,hang=0.05}. The same seed gives the same faults.
 *
 * <pre>{@code
 * ChaosSpec spec = ChaosSpec.parse("throw=0.2,duplicate=0.1");
 * spec.probability(FaultKind.THROW);   // 0.2
 * }</pre>
 */
public record ChaosSpec(long seed, Map<FaultKind, Double> probabilities) {
    /** No faults. */
    public static final ChaosSpec NONE = new ChaosSpec(1, Map.of());

    public ChaosSpec {
        Objects.requireNonNull(probabilities, "probabilities");
        EnumMap<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
        probabilities.forEach((kind, p) -> {
            if (p == null || !(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("the probability of " + kind.key() + " must be within 0..1, was "
                        + p);
            }
            if (p > 0) {
                copy.put(kind, p);
            }
        });
        probabilities = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses {@code seed=N,throw=P,...}; blank means no faults.
     *
     * @throws IllegalArgumentException naming the part at fault: an unknown key, a value that is not a number, a
     *                                  probability outside 0..1, a key given twice
     */
    public static ChaosSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        long seed = 1;
        boolean seeded = false;
        EnumMap<FaultKind, Double> probabilities = new EnumMap<>(FaultKind.class);
        for (String part : spec.split(",", -1)) {
            String item = part.strip();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + item + "' is not key=value (keys: " + keys() + ")");
            }
            String key = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            if (key.equals("seed")) {
                if (seeded) {
                    throw new IllegalArgumentException("seed is given twice");
                }
                seeded = true;
                try {
                    seed = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("seed must be a whole number, was '" + value + "'");
                }
                continue;
            }
            FaultKind kind = FaultKind.byKey(key).orElseThrow(() -> new IllegalArgumentException(
                    "unknown chaos key '" + key + "' (keys: " + keys() + ")"));
            double p;
            try {
                p = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a probability within 0..1, was '" + value + "'");
            }
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(key + " must be a probability within 0..1, was " + value);
            }
            if (probabilities.put(kind, p) != null) {
                throw new IllegalArgumentException(key + " is given twice");
            }
        }
        return new ChaosSpec(seed, probabilities);
    }

    private static String keys() {
        return "seed, " + Arrays.stream(FaultKind.values()).map(FaultKind::key).collect(Collectors.joining(", "));
    }

    /** The probability of {@code kind}, 0 when the spec does not name it. */
    public double probability(FaultKind kind) {
        return probabilities.getOrDefault(kind, 0.0);
    }

    /** Whether any fault is injected at all. */
    public boolean active() {
        return !probabilities.isEmpty();
    }

    /** The spec as it parses back, e.g. {@code seed=1,throw=0.2}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("seed=").append(seed);
        probabilities.forEach((kind, p) -> s.append(',').append(kind.key()).append('=').append(p));
        return s.toString();
    }
}
