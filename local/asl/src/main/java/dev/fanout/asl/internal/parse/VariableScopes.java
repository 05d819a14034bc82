package dev.fanout.asl.internal.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.internal.model.Catcher;
import dev.fanout.asl.internal.model.ChoiceRule;
import dev.fanout.asl.internal.model.ChoiceState;
import dev.fanout.asl.internal.model.Graph;
import dev.fanout.asl.internal.model.MapState;
import dev.fanout.asl.internal.model.ParallelState;
import dev.fanout.asl.internal.model.QueryLanguage;
import dev.fanout.asl.internal.model.State;
import dev.fanout.asl.internal.model.TaskState;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Variable scopes: states inside a Parallel branch or an inline Map iteration can read the variables of the
 * enclosing scopes but cannot assign them. A Distributed Map's children start a fresh scope.
 */
final class VariableScopes {
    private final Problems problems;

    VariableScopes(Problems problems) {
        this.problems = problems;
    }

    void check(Graph top) {
        check(top, Set.of(), "");
    }

    private void check(Graph g, Set<String> outer, String where) {
        Set<String> here = new HashSet<>();
        for (State s : g.states().values()) {
            here.addAll(assigned(s));
        }
        for (State s : g.states().values()) {
            String at = where + "/States/" + s.name();
            for (String v : assigned(s)) {
                if (outer.contains(v)) {
                    problems.schema("The variable '" + v + "' is assigned in an outer scope and cannot be assigned "
                            + "in a nested scope", at + "/Assign");
                }
            }
            Set<String> inner = new HashSet<>(outer);
            inner.addAll(here);
            if (s instanceof ParallelState p) {
                for (int i = 0; i < p.branches().size(); i++) {
                    check(p.branches().get(i), inner, at + "/Branches[" + i + "]");
                }
            } else if (s instanceof MapState m) {
                check(m.processor(), m.spec().distributed() ? Set.of() : inner, at + "/ItemProcessor");
            }
        }
    }

    private static Set<String> assigned(State s) {
        Set<String> out = new HashSet<>();
        add(out, s.common().assign(), s.language());
        if (s instanceof ChoiceState c) {
            for (ChoiceRule r : c.choices()) {
                add(out, r.assign(), s.language());
            }
        }
        List<Catcher> catchers = switch (s) {
            case TaskState t -> t.errors().catchers();
            case ParallelState p -> p.errors().catchers();
            case MapState m -> m.errors().catchers();
            default -> List.of();
        };
        for (Catcher c : catchers) {
            add(out, c.assign(), s.language());
        }
        return out;
    }

    private static void add(Set<String> out, JsonNode assign, QueryLanguage lang) {
        if (assign == null || !assign.isObject()) {
            return;
        }
        Iterator<String> names = assign.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            out.add(lang == QueryLanguage.JSONPATH && n.endsWith(".$") ? n.substring(0, n.length() - 2) : n);
        }
    }
}
