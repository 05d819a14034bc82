package dev.fanout.asl.internal.run;

/** The execution was stopped, timed out, or the engine closed: unwind without recording anything more. */
final class Aborted extends RuntimeException {
    Aborted() {
        super(null, null, false, false);
    }
}
