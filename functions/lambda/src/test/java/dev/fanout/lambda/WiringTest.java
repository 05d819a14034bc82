package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.TaskCallbacks;
import dev.fanout.core.port.WorkQueue;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiringTest {
    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BUCKET", "in");
        env.put("WORK_BUCKET", "work");
        env.put("RESULTS_BUCKET", "results");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "x");
        env.put("AWS_SECRET_ACCESS_KEY", "y");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
        env.put("WORK_QUEUE_URL", "http://127.0.0.1:1/000000000000/work");
        return env;
    }

    @Test
    void readsSettingsAndFindsTheBuiltInJobs() {
        Map<String, String> env = env();
        env.put("MAX_RECEIVE_COUNT", "7");
        try (Wiring wiring = Wiring.from(env)) {
            assertThat(wiring.settings().inputBucket()).isEqualTo("in");
            assertThat(wiring.settings().maxReceiveCount()).isEqualTo(7);
            assertThat(wiring.jobs().names()).contains("wordcount", "csv-aggregate", "double");
        }
    }

    @Test
    void buildsEachServiceOnce() {
        try (Wiring wiring = Wiring.from(env())) {
            assertThat(wiring.worker()).isSameAs(wiring.worker());
            assertThat(wiring.clients().s3()).isSameAs(wiring.clients().s3());
            assertThat(wiring.metrics()).isSameAs(wiring.metrics());
        }
    }

    @Test
    void passesTheJobsAndEveryPortThroughTheDecorator() {
        List<Class<?>> seen = new CopyOnWriteArrayList<>();
        BlobStore[] wrapped = new BlobStore[1];
        Wiring.Decorator decorator = new Wiring.Decorator() {
            @Override
            public <T> T decorate(Class<T> type, T value) {
                seen.add(type);
                if (type == BlobStore.class) {
                    wrapped[0] = new DelegatingBlobStore((BlobStore) value);
                    return type.cast(wrapped[0]);
                }
                return value;
            }
        };
        try (Wiring wiring = Wiring.from(env(), decorator)) {
            wiring.worker();
            assertThat(wiring.blobs()).isSameAs(wrapped[0]);
            assertThat(seen).containsExactlyInAnyOrder(JobRegistry.class, BlobStore.class, TaskCallbacks.class,
                    WorkQueue.class);
        }
    }

    /** A stand-in that only forwards. */
    private record DelegatingBlobStore(BlobStore inner) implements BlobStore {
        @Override
        public java.util.Optional<dev.fanout.core.model.ObjectInfo> head(dev.fanout.core.model.ObjectLocation l) {
            return inner.head(l);
        }

        @Override
        public java.io.InputStream openRange(dev.fanout.core.model.ObjectLocation l, long s, long e, String etag) {
            return inner.openRange(l, s, e, etag);
        }

        @Override
        public java.util.Optional<Blob> get(dev.fanout.core.model.ObjectLocation l) {
            return inner.get(l);
        }

        @Override
        public void put(dev.fanout.core.model.ObjectLocation l, byte[] b, String type, Map<String, String> m) {
            inner.put(l, b, type, m);
        }

        @Override
        public List<dev.fanout.core.model.ObjectInfo> list(String bucket, String prefix) {
            return inner.list(bucket, prefix);
        }
    }

    @Test
    void failsNamingAMissingBucket() {
        Map<String, String> env = env();
        env.remove("WORK_BUCKET");

        assertThatThrownBy(() -> Wiring.from(env)).hasMessageContaining("WORK_BUCKET");
    }

    @Test
    void needsTheStateMachineArnOnlyForSubmissions() {
        try (Wiring wiring = Wiring.from(env())) {
            assertThat(wiring.splitter()).isNotNull();
            assertThatThrownBy(wiring::submission)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("STATE_MACHINE_ARN");
        }
    }
}
