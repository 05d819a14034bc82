package dev.fanout.asl.internal.run;

import dev.fanout.asl.internal.model.ChoiceState;
import dev.fanout.asl.internal.model.FailState;
import dev.fanout.asl.internal.model.MapState;
import dev.fanout.asl.internal.model.ParallelState;
import dev.fanout.asl.internal.model.PassState;
import dev.fanout.asl.internal.model.State;
import dev.fanout.asl.internal.model.SucceedState;
import dev.fanout.asl.internal.model.TaskState;
import dev.fanout.asl.internal.model.WaitState;

/** History event type names per state type (constants: no string building per transition). */
final class EventTypes {
    private EventTypes() {}

    static String entered(State s) {
        return switch (s) {
            case PassState x -> "PassStateEntered";
            case TaskState x -> "TaskStateEntered";
            case ChoiceState x -> "ChoiceStateEntered";
            case WaitState x -> "WaitStateEntered";
            case SucceedState x -> "SucceedStateEntered";
            case FailState x -> "FailStateEntered";
            case ParallelState x -> "ParallelStateEntered";
            case MapState x -> "MapStateEntered";
        };
    }

    static String exited(State s) {
        return switch (s) {
            case PassState x -> "PassStateExited";
            case TaskState x -> "TaskStateExited";
            case ChoiceState x -> "ChoiceStateExited";
            case WaitState x -> "WaitStateExited";
            case SucceedState x -> "SucceedStateExited";
            case FailState x -> "FailStateExited";
            case ParallelState x -> "ParallelStateExited";
            case MapState x -> "MapStateExited";
        };
    }
}
