package dev.fanout.local.runtime.chaos;

/** What a job's {@code map} throws when chaos mode strikes it: a transient failure, as far as the worker can tell. */
public final class InjectedFault extends RuntimeException {
    public InjectedFault(String message) {
        super(message, null, false, false);
    }
}
