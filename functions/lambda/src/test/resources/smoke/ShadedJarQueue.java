import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.pipeline.WorkMessage;
import dev.fanout.lambda.WorkerHandler;
import java.util.List;
import java.util.Map;

/**
 * The worker's own SQS calls from nothing but the shaded jar (java -cp fanout-lambda.jar ShadedJarQueue.java
 * INPUT_KEY SIZE RECEIPT_HANDLE): a chunk whose SendTaskSuccess keeps failing goes back to the work queue
 * (ChangeMessageVisibility of the receipt handle given), and a chunk whose input is gone goes to the dead-letter
 * queue (SendMessage). Prints the batch's failures.
 */
public class ShadedJarQueue {
    public static void main(String[] args) {
        String input = System.getenv("INPUT_BUCKET");
        long size = Long.parseLong(args[1]);
        Chunk live = new Chunk("queue-job", "wordcount", 0, 2, new ObjectLocation(input, args[0]), 0, size, size, null,
                null, Map.of());
        Chunk gone = new Chunk("queue-job", "wordcount", 1, 2, new ObjectLocation(input, "no/such/object.txt"), 0, 10,
                10, null, null, Map.of());
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message("m-live", args[2], new WorkMessage("token-live", live)),
                message("m-gone", "receipt-gone", new WorkMessage("token-gone", gone))));
        var batch = new WorkerHandler().handleRequest(event, null);
        System.out.println("QUEUE failures " + batch.getBatchItemFailures().stream()
                .map(f -> f.getItemIdentifier()).toList());
    }

    private static SQSEvent.SQSMessage message(String id, String receipt, WorkMessage body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setReceiptHandle(receipt);
        message.setBody(Json.write(body));
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return message;
    }
}
