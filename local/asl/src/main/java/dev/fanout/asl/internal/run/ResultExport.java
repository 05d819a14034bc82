package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.internal.expr.JsonPathSupport;
import dev.fanout.asl.internal.expr.Jsonata;
import dev.fanout.asl.internal.model.MapSpec;
import dev.fanout.asl.port.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ResultWriter: writes {@code SUCCEEDED_0.json}, {@code FAILED_0.json} and {@code manifest.json} under
 * {@code Prefix/<map run id>/}, as Step Functions does, and answers the Map's output
 * {@code {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}}.
 */
final class ResultExport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final EngineCore engine;

    ResultExport(EngineCore engine) {
        this.engine = engine;
    }

    /** One child execution as the export lists it. */
    static ObjectNode record(ExecutionImpl child) {
        ObjectNode o = NODES.objectNode();
        o.put("ExecutionArn", child.arn());
        o.put("Input", child.input());
        o.putObject("InputDetails").put("Included", true);
        o.put("Name", child.name());
        if (child.status() == ExecutionStatus.SUCCEEDED) {
            o.put("Output", child.output().orElse(null));
            o.putObject("OutputDetails").put("Included", true);
        } else {
            child.error().ifPresent(e -> o.put("Error", e));
            child.cause().ifPresent(c -> o.put("Cause", c));
        }
        o.put("RedriveCount", child.redriveCount());
        o.put("RedriveStatus", child.redriveStatus().name());
        child.redriveStatusReason().ifPresent(r -> o.put("RedriveStatusReason", r));
        o.put("StartDate", Times.iso(child.startDate()));
        o.put("StateMachineArn", child.stateMachineArn());
        o.put("Status", child.status().name());
        child.stopDate().ifPresent(d -> o.put("StopDate", Times.iso(d)));
        return o;
    }

    JsonNode write(MapSpec.ResultWriterSpec spec, StateRun run, JsonNode input, String mapRunArn, String mapRunId,
                   List<ExecutionImpl> children) {
        JsonNode params = run.jsonata() ? Jsonata.evaluate(spec.parameters(), run.jb(null, null), "ResultWriter/Arguments")
                : JsonPathSupport.evaluateTemplate(spec.parameters(), run.ec(input));
        String bucket = params.path("Bucket").asText(null);
        String prefix = params.path("Prefix").asText("");
        if (bucket == null) {
            throw new StatesError(StatesError.RESULT_WRITER_FAILED, "The ResultWriter parameters must contain "
                    + "'Bucket', but were " + params);
        }
        ObjectStore s3 = engine.integrations().s3();
        if (s3 == null) {
            throw StatesError.runtime("No S3 integration is configured: the engine was built without an ObjectStore "
                    + "(Integrations.withS3)");
        }
        String base = (prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + mapRunId + "/";
        ArrayNode succeeded = NODES.arrayNode();
        ArrayNode failed = NODES.arrayNode();
        for (ExecutionImpl c : children) {
            if (c == null) {
                continue;
            }
            (c.status() == ExecutionStatus.SUCCEEDED ? succeeded : failed).add(record(c));
        }
        ObjectNode manifest = NODES.objectNode();
        manifest.put("DestinationBucket", bucket);
        manifest.put("MapRunArn", mapRunArn);
        ObjectNode files = manifest.putObject("ResultFiles");
        files.set("FAILED", file(s3, bucket, base + "FAILED_0.json", failed));
        files.putArray("PENDING");
        files.set("SUCCEEDED", file(s3, bucket, base + "SUCCEEDED_0.json", succeeded));
        put(s3, bucket, base + "manifest.json", manifest.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode out = NODES.objectNode();
        out.put("MapRunArn", mapRunArn);
        ObjectNode details = out.putObject("ResultWriterDetails");
        details.put("Bucket", bucket);
        details.put("Key", base + "manifest.json");
        return out;
    }

    private static ArrayNode file(ObjectStore s3, String bucket, String key, ArrayNode records) {
        ArrayNode list = NODES.arrayNode();
        if (records.isEmpty()) {
            return list;
        }
        byte[] body = records.toString().getBytes(StandardCharsets.UTF_8);
        put(s3, bucket, key, body);
        list.addObject().put("Key", key).put("Size", body.length);
        return list;
    }

    private static void put(ObjectStore s3, String bucket, String key, byte[] body) {
        try {
            s3.put(bucket, key, body);
        } catch (RuntimeException e) {
            throw new StatesError(StatesError.RESULT_WRITER_FAILED, "S3 putObject failed for s3://" + bucket + "/"
                    + key + ": " + e.getMessage());
        }
    }
}
