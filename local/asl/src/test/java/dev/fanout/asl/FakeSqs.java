package dev.fanout.asl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.port.SqsSender;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records sent messages; a test takes them in order, as a worker would receive them. */
final class FakeSqs implements SqsSender {
    final List<ObjectNode> sent = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();

    @Override
    public ObjectNode sendMessage(ObjectNode parameters) {
        sent.add(parameters);
        queue.add(parameters);
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("MessageId", "m-" + sent.size());
        response.put("MD5OfMessageBody", "0");
        return response;
    }

    /** The next message's parameters, waiting (real time) up to 10 s for it. */
    ObjectNode take() throws InterruptedException {
        ObjectNode m = queue.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no SQS message was sent");
        }
        return m;
    }
}
