package dev.fanout.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdapterHelpersTest {

    @Test
    void unquotesAndQuotesEtags() {
        assertThat(S3BlobStore.unquote("\"abc\"")).isEqualTo("abc");
        assertThat(S3BlobStore.unquote("abc")).isEqualTo("abc");
        assertThat(S3BlobStore.unquote(null)).isNull();
        assertThat(S3BlobStore.quote("abc")).isEqualTo("\"abc\"");
        assertThat(S3BlobStore.quote("\"abc\"")).isEqualTo("\"abc\"");
    }

    @Test
    void truncatesCallbackTextToTheServiceLimit() {
        assertThat(SfnTaskCallbacks.truncate("short", 10)).isEqualTo("short");
        assertThat(SfnTaskCallbacks.truncate("0123456789abc", 10)).hasSize(10).startsWith("012345678");
        assertThat(SfnTaskCallbacks.truncate(null, 10)).isNull();
    }
}
