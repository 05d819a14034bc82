package dev.fanout.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.fanout.core.model.ObjectLocation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UploadTest {

    @Test
    void mapsObjectCreatedRecords_withDecodedKeys_andSkipsOtherEvents() {
        S3Event event = EventLoader.loadS3Event("events/s3-object-created.json");

        List<Upload> uploads = Upload.from(event);

        assertThat(uploads).containsExactly(new Upload(
                new ObjectLocation("fanout-input", "incoming/wordcount/moby dick, chäpter 1+2.txt"),
                "d41d8cd98f00b204e9800998ecf8427e"));
    }

    @Test
    void mapsAnEmptyEventToNothing() {
        assertThat(Upload.from(new S3Event(List.of()))).isEmpty();
        assertThat(Upload.from(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "incoming/wordcount/a+b.txt|incoming/wordcount/a b.txt",
            "incoming/wordcount/a%2Bb.txt|incoming/wordcount/a+b.txt",
            "price%E2%82%AC.csv|price€.csv",
            "plain/key.txt|plain/key.txt",
            "bad%zzescape%|bad%zzescape%",
            "%2|%2"
    })
    void decodesKeysTheWayS3EncodesThem(String raw, String decoded) {
        assertThat(Upload.decodeKey(raw)).isEqualTo(decoded);
    }
}
