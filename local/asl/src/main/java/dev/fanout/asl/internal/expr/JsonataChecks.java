package dev.fanout.asl.internal.expr;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Definition-time check that AWS makes on JSONata: an expression is evaluated with no context item
 * (the input is {@code $states.input}), so a path that starts with a bare name, {@code $} or
 * {@code $$} outside a path step, filter or grouping is refused at CreateStateMachine.
 *
 * <p>The JSONata engine keeps its syntax tree private, so the tree is read reflectively; should a
 * later engine version change it, the check quietly does nothing rather than reject valid
 * definitions.
 */
final class JsonataChecks {

    private static final List<String> SAME_CONTEXT = List.of(
            "arguments", "expressions", "lhs", "rhs", "body", "procedure", "condition", "then", "_else",
            "expression", "pattern", "update", "delete");
    private static final List<String> ITEM_CONTEXT = List.of("stages", "predicate", "terms");

    private JsonataChecks() {}

    /** The names (or {@code $}, {@code $$}) read at the top level, in order of appearance. */
    static Set<String> topLevelReferences(com.dashjoin.jsonata.Jsonata expression) {
        Set<String> found = new LinkedHashSet<>();
        try {
            visit(read(expression, "ast"), true, found, 0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Set.of();
        }
        return found;
    }

    private static void visit(Object node, boolean topLevel, Set<String> found, int depth) throws ReflectiveOperationException {
        if (node == null || depth > 200) {
            return;
        }
        String type = String.valueOf(read(node, "type"));
        if (topLevel) {
            if (type.equals("name")) {
                found.add(String.valueOf(read(node, "value")));
            } else if (type.equals("variable")) {
                Object name = read(node, "value");
                if ("".equals(name) || "$".equals(name)) {
                    found.add("$" + name);
                }
            }
        }
        if (type.equals("path")) {
            List<?> steps = (List<?>) read(node, "steps");
            for (int i = 0; steps != null && i < steps.size(); i++) {
                visit(steps.get(i), topLevel && i == 0, found, depth + 1);
            }
        }
        for (String field : SAME_CONTEXT) {
            visitAll(read(node, field), topLevel, found, depth);
        }
        for (String field : ITEM_CONTEXT) {
            visitAll(read(node, field), false, found, depth);
        }
        Object expr = read(node, "expr");
        if (expr != null && expr.getClass().getName().startsWith("com.dashjoin.jsonata.Parser")) {
            visit(expr, false, found, depth + 1);
        }
        Object group = read(node, "group");
        if (group != null) {
            visitPairs(read(group, "lhsObject"), false, found, depth);
        }
        visitPairs(read(node, "lhsObject"), topLevel, found, depth);
    }

    private static void visitAll(Object value, boolean topLevel, Set<String> found, int depth) throws ReflectiveOperationException {
        if (value instanceof List<?> list) {
            for (Object element : new ArrayList<>(list)) {
                visit(element, topLevel, found, depth + 1);
            }
        } else if (value != null && value.getClass().getName().startsWith("com.dashjoin.jsonata.Parser")) {
            visit(value, topLevel, found, depth + 1);
        }
    }

    private static void visitPairs(Object pairs, boolean topLevel, Set<String> found, int depth) throws ReflectiveOperationException {
        if (pairs instanceof List<?> list) {
            for (Object pair : list) {
                if (pair instanceof Object[] both) {
                    for (Object side : both) {
                        visit(side, topLevel, found, depth + 1);
                    }
                }
            }
        }
    }

    private static Object read(Object target, String name) throws ReflectiveOperationException {
        Class<?> type = target.getClass();
        while (type != null) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException e) {
                type = type.getSuperclass();
            }
        }
        return null;
    }
}
