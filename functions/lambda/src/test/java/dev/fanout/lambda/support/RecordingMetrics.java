package dev.fanout.lambda.support;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** A Powertools {@link Metrics} that records added metrics and flushes instead of printing EMF. */
public final class RecordingMetrics {
    /** One {@code addMetric} call. */
    public record Metric(String name, double value, MetricUnit unit) {
    }

    private final List<Metric> added = new CopyOnWriteArrayList<>();
    private final AtomicInteger flushes = new AtomicInteger();
    private final Metrics proxy = (Metrics) Proxy.newProxyInstance(Metrics.class.getClassLoader(),
            new Class<?>[] {Metrics.class}, (self, method, args) -> {
                switch (method.getName()) {
                    case "addMetric" -> added.add(new Metric((String) args[0], ((Number) args[1]).doubleValue(),
                            args.length > 2 ? (MetricUnit) args[2] : null));
                    case "flush" -> flushes.incrementAndGet();
                    case "hashCode" -> {
                        return System.identityHashCode(self);
                    }
                    case "equals" -> {
                        return self == args[0];
                    }
                    case "toString" -> {
                        return "RecordingMetrics";
                    }
                    default -> {
                        // namespace, dimensions, metadata: not recorded
                    }
                }
                return null;
            });

    public Metrics metrics() {
        return proxy;
    }

    public List<Metric> added() {
        return List.copyOf(added);
    }

    public List<Metric> named(String name) {
        return added.stream().filter(m -> m.name().equals(name)).toList();
    }

    public int flushes() {
        return flushes.get();
    }
}
