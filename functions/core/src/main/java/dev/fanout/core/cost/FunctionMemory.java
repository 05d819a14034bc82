package dev.fanout.core.cost;

/**
 * Memory of the functions whose compute a job pays for, in MB, as deployed (the functions read it from
 * {@code SPLITTER_MEMORY_MB}, {@code WORKER_MEMORY_MB} and {@code REDUCER_MEMORY_MB}).
 *
 * <pre>{@code
 * FunctionMemory memory = new FunctionMemory(1024, 2048, 2048);
 * }</pre>
 *
 * @param splitterMb memory of the splitter
 * @param workerMb   memory of the worker
 * @param reducerMb  memory of the reducer
 */
public record FunctionMemory(int splitterMb, int workerMb, int reducerMb) {
    public FunctionMemory {
        if (splitterMb < 1 || workerMb < 1 || reducerMb < 1) {
            throw new IllegalArgumentException("function memory must be positive, was splitter " + splitterMb
                    + ", worker " + workerMb + ", reducer " + reducerMb + " MB");
        }
    }
}
