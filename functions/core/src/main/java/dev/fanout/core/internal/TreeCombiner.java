package dev.fanout.core.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BinaryOperator;

/**
 * Combines values fed in order as a balanced binary tree, holding only O(log n) intermediate values: like a
 * binary counter, two neighbours of equal weight merge as soon as both exist. The order is kept (a left value
 * is always combined as the left operand), which is all an associative combine needs. Not thread-safe. Not API.
 */
public final class TreeCombiner<P> {
    private record Node<P>(P value, long weight) {
    }

    private final BinaryOperator<P> combine;
    private final P empty;
    private final Deque<Node<P>> stack = new ArrayDeque<>();

    public TreeCombiner(BinaryOperator<P> combine, P empty) {
        this.combine = combine;
        this.empty = empty;
    }

    public void add(P value) {
        Node<P> node = new Node<>(value, 1);
        while (!stack.isEmpty() && stack.peek().weight() == node.weight()) {
            Node<P> left = stack.pop();
            node = new Node<>(combine.apply(left.value(), node.value()), left.weight() + node.weight());
        }
        stack.push(node);
    }

    /** The combination of everything added, {@code empty} if nothing was. */
    public P result() {
        if (stack.isEmpty()) {
            return empty;
        }
        P result = stack.peek().value();
        var lefts = stack.iterator();
        lefts.next();
        while (lefts.hasNext()) {
            result = combine.apply(lefts.next().value(), result);
        }
        return result;
    }
}
