package dev.fanout.lambda.internal;

import java.util.Objects;
import java.util.function.Supplier;

/** A value built on first use, then kept: each SDK client and service of a container is built once. */
public final class Once<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    public Once(Supplier<T> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = Objects.requireNonNull(factory.get(), "factory returned null");
                    value = current;
                }
            }
        }
        return current;
    }

    /** The value if it was built, else null (for closing only what exists). */
    public T ifBuilt() {
        return value;
    }
}
