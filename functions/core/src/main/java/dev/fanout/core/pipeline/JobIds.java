package dev.fanout.core.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.model.ObjectLocation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic job ids (execution names: 1..80 of A-Z a-z 0-9 - _). */
final class JobIds {
    private static final int NAME_PART = 40;

    private JobIds() {
    }

    /** {@code job-} + the first 32 hex digits of SHA-256(clientToken). */
    static String fromClientToken(String clientToken) {
        return "job-" + sha256Hex(clientToken).substring(0, 32);
    }

    /** {@code up-<name, sanitized, ≤ 40>-<24 hex of SHA-256(bucket/key + etag)>}: one id per uploaded version. */
    static String fromUpload(ObjectLocation uploaded, String etag, String fileName) {
        String name = fileName.replaceAll("[^A-Za-z0-9_-]", "-");
        if (name.length() > NAME_PART) {
            name = name.substring(0, NAME_PART);
        }
        String digest = sha256Hex(uploaded.bucket() + "/" + uploaded.key() + "\n" + (etag == null ? "" : etag));
        return "up-" + name + "-" + digest.substring(0, 24);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
