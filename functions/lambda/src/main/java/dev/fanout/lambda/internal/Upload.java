package dev.fanout.lambda.internal;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.fanout.core.model.ObjectLocation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * An object-created notification, mapped from the mutable Lambda event at the edge.
 *
 * @param location the uploaded object, its key URL-decoded
 * @param etag     the object's ETag as the notification gives it (no quotes); null if absent
 */
public record Upload(ObjectLocation location, String etag) {
    public Upload {
        Objects.requireNonNull(location, "location");
    }

    /** The ObjectCreated records of an event, in order; other event kinds (deletions, tests) are left out. */
    public static List<Upload> from(S3Event event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }
        return event.getRecords().stream()
                .filter(Upload::isObjectCreated)
                .map(r -> new Upload(new ObjectLocation(r.getS3().getBucket().getName(),
                        decodeKey(r.getS3().getObject().getKey())), r.getS3().getObject().geteTag()))
                .toList();
    }

    private static boolean isObjectCreated(S3EventNotificationRecord record) {
        return record.getEventName() != null && record.getEventName().startsWith("ObjectCreated")
                && record.getS3() != null && record.getS3().getObject() != null
                && record.getS3().getObject().getKey() != null;
    }

    /**
     * S3 notifications carry keys form-URL-encoded: {@code +} is a space and {@code %XX} an encoded UTF-8
     * byte. Malformed escapes are kept as they are rather than failing the whole event.
     */
    public static String decodeKey(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    utf8 = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
