package dev.fanout.local.runtime.chaos;

/**
 * How a worker "dies" after writing a partial when chaos mode strikes it: an {@link Error}, which the worker does not
 * catch, so the invocation fails without any callback, as a crashed sandbox would.
 */
public final class InjectedCrash extends Error {
    public InjectedCrash(String message) {
        super(message, null, false, false);
    }
}
