package dev.fanout.asl.internal.run;

/** Where a state runs: its execution, the variables in scope and the history lane. */
record Frame(ExecutionImpl execution, Scope scope, Lane lane) {

    /** A frame for a branch or iteration: an inner scope and its own lane, starting after the current event. */
    Frame inner() {
        return new Frame(execution, scope.inner(), new Lane(lane.last));
    }

    /** A frame for a branch or iteration resumed by a redrive: the variables it had when it stopped. */
    Frame resumed(Resume from) {
        return from == null ? inner() : new Frame(execution, Scope.restored(from.variables()), new Lane(lane.last));
    }
}
