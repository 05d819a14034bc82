package dev.fanout.asl.internal.parse;

import dev.fanout.asl.internal.model.Catcher;
import dev.fanout.asl.internal.model.ChoiceRule;
import dev.fanout.asl.internal.model.ChoiceState;
import dev.fanout.asl.internal.model.FailState;
import dev.fanout.asl.internal.model.Graph;
import dev.fanout.asl.internal.model.MapState;
import dev.fanout.asl.internal.model.ParallelState;
import dev.fanout.asl.internal.model.State;
import dev.fanout.asl.internal.model.SucceedState;
import dev.fanout.asl.internal.model.TaskState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Transition targets exist, every state is reachable, and the graph can end. */
final class Transitions {
    private final Problems problems;

    Transitions(Problems problems) {
        this.problems = problems;
    }

    void check(Graph g, String where) {
        boolean terminal = false;
        for (State s : g.states().values()) {
            String at = where + "/States/" + s.name();
            for (Target t : targets(s)) {
                if (!g.states().containsKey(t.name())) {
                    problems.add("MISSING_TRANSITION_TARGET", "Missing '" + t.field() + "' target: " + t.name(),
                            at + t.location());
                }
            }
            if (s instanceof SucceedState || s instanceof FailState
                    || (!(s instanceof ChoiceState) && s.common().end())) {
                terminal = true;
            }
        }
        if (!terminal) {
            problems.add("MISSING_END_STATE", "Workflow has no terminal state", where.isEmpty() ? "/" : where);
        }
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(g.startAt());
        while (!todo.isEmpty()) {
            String n = todo.poll();
            State s = g.states().get(n);
            if (s == null || !seen.add(n)) {
                continue;
            }
            for (Target t : targets(s)) {
                todo.add(t.name());
            }
        }
        for (String name : g.states().keySet()) {
            if (!seen.contains(name)) {
                problems.add("MISSING_TRANSITION_TARGET", "State \"" + name + "\" is not reachable.",
                        where + "/States/" + name);
            }
        }
    }

    private record Target(String name, String field, String location) {}

    private static List<Target> targets(State s) {
        List<Target> out = new ArrayList<>();
        if (s instanceof ChoiceState c) {
            for (int i = 0; i < c.choices().size(); i++) {
                ChoiceRule r = c.choices().get(i);
                if (r.next() != null) {
                    out.add(new Target(r.next(), "Next", "/Choices[" + i + "]/Next"));
                }
            }
            if (c.defaultNext() != null) {
                out.add(new Target(c.defaultNext(), "Default", "/Default"));
            }
            return out;
        }
        if (s.common().next() != null) {
            out.add(new Target(s.common().next(), "Next", "/Next"));
        }
        List<Catcher> catchers = switch (s) {
            case TaskState t -> t.errors().catchers();
            case ParallelState p -> p.errors().catchers();
            case MapState m -> m.errors().catchers();
            default -> List.of();
        };
        for (int i = 0; i < catchers.size(); i++) {
            out.add(new Target(catchers.get(i).next(), "Next", "/Catch[" + i + "]/Next"));
        }
        return out;
    }
}
