package dev.fanout.local.runtime.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** S3 event notifications carry keys URL-encoded, spaces as '+'. */
class EventKeyTest {
    @Test
    void encodesKeysAsS3EventsDo() {
        assertThat(S3UploadWatcher.encodeKey("incoming/wordcount/my file+v2.txt"))
                .isEqualTo("incoming/wordcount/my+file%2Bv2.txt");
        assertThat(S3UploadWatcher.encodeKey("incoming/double/ä.json")).isEqualTo("incoming/double/%C3%A4.json");
        assertThat(S3UploadWatcher.encodeKey("incoming/wordcount/plain.txt")).isEqualTo("incoming/wordcount/plain.txt");
    }
}
