package dev.fanout.asl.internal.run;

/** Filled by a lane when it stops: where a redrive picks it up. Read once the lane's thread has unwound. */
final class Trail {
    private volatile Resume stop;

    void stop(Resume where) {
        stop = where;
    }

    Resume stop() {
        return stop;
    }
}
