package dev.fanout.local.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A job's live progress: a progress bar (chunks done/total, MiB/s, ETA) on a terminal, plain lines every few
 * seconds otherwise (logs, CI).
 */
interface Progress extends AutoCloseable {

    /** @param bytesTotal the input's size, to turn chunks into MB/s */
    static Progress create(boolean terminal, long bytesTotal, PrintWriter out) {
        return terminal ? new Bar(bytesTotal) : new Lines(bytesTotal, out, Duration.ofSeconds(2));
    }

    void update(long chunksDone, long chunksTotal);

    @Override
    void close();

    /** The terminal form. */
    final class Bar implements Progress {
        private final long bytesTotal;
        private final ProgressBar bar;

        Bar(long bytesTotal) {
            this.bytesTotal = Math.max(1, bytesTotal);
            this.bar = new ProgressBarBuilder()
                    .setTaskName("chunks")
                    .setInitialMax(this.bytesTotal)
                    .setUnit(bytesTotal >= 16L << 20 ? " MiB" : " KiB", bytesTotal >= 16L << 20 ? 1L << 20 : 1L << 10)
                    .showSpeed()
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(200)
                    .build();
        }

        @Override
        public void update(long chunksDone, long chunksTotal) {
            if (chunksTotal > 0) {
                bar.stepTo(Math.min(bytesTotal, bytesTotal * chunksDone / chunksTotal));
                bar.setExtraMessage(" " + chunksDone + "/" + chunksTotal + " chunks");
            }
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** The log form: one line per interval, when something changed. */
    final class Lines implements Progress {
        private final long bytesTotal;
        private final PrintWriter out;
        private final long intervalNanos;
        private final long started = System.nanoTime();
        private long lastPrinted = System.nanoTime();
        private long lastDone = -1;

        Lines(long bytesTotal, PrintWriter out, Duration interval) {
            this.bytesTotal = bytesTotal;
            this.out = out;
            this.intervalNanos = interval.toNanos();
        }

        @Override
        public void update(long chunksDone, long chunksTotal) {
            long now = System.nanoTime();
            if (chunksTotal <= 0 || chunksDone == lastDone || now - lastPrinted < intervalNanos) {
                return;
            }
            lastDone = chunksDone;
            lastPrinted = now;
            out.println(line(chunksDone, chunksTotal, (now - started) / 1e9));
            out.flush();
        }

        String line(long done, long total, double seconds) {
            double bytesDone = (double) bytesTotal * done / total;
            double rate = seconds > 0 ? bytesDone / seconds : 0;
            String eta = done > 0 && done < total
                    ? String.format(Locale.ROOT, ", ETA %.0f s", seconds * (total - done) / done) : "";
            return String.format(Locale.ROOT, "progress: %d/%d chunks, %s of %s, %s/s%s", done, total,
                    ByteSize.format(bytesDone), ByteSize.format(bytesTotal), ByteSize.format(rate), eta);
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
