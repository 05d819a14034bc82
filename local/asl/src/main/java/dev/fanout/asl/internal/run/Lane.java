package dev.fanout.asl.internal.run;

/** One thread of control inside an execution (the main path, a branch, an iteration): links previousEventId. */
final class Lane {
    long last;

    Lane(long last) {
        this.last = last;
    }
}
