#!/usr/bin/env bash
# Builds the benchmarks from this checkout and runs them: the JMH hot loops (worker path vs. the job's map
# alone; the reducer's decode, combine and reduce), the reducer's scaling run, and the Lambda handlers' init
# times. Prints the figures, the ratios against the baselines measured in the same run, and the machine's load
# before and after.
#
#   benchmarks/run.sh                 # everything (about 30 minutes on 2 cores)
#   benchmarks/run.sh worker          # only WorkerPathBenchmark
#   benchmarks/run.sh reducer         # only ReducerBenchmark
#   benchmarks/run.sh scaling [P K]   # only the scaling run: P partials of K distinct keys (default 1000 50000)
#   benchmarks/run.sh combine [P K M] # only the combine level: P partials of K keys in groups of at most M (default 2000 50000 500)
#   benchmarks/run.sh init [RUNS]     # only the Lambda init times: RUNS fresh JVMs per handler and mode (default 3)
#   benchmarks/run.sh planning [N]    # only the splitter over a simulated prefix of N objects (default 1000000)
#   benchmarks/run.sh e2e [RUNS]      # only benchmarks/e2e.sh: ./fanout run end to end against plain Java and Python
#   QUICK=1 benchmarks/run.sh ...     # fewer JMH iterations, for a first look
#
# Results (JMH CSV) go to benchmarks/target/results-*.csv.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
java_home=$("$root/bin/find-jdk" 21)
java=$java_home/bin/java
what=${1:-all}
shift || true

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; $("$java" -version 2>&1 | head -n 1)"
echo "load before: $(uptime | sed 's/.*load average/load average/')"

# package builds the shaded Lambda jar too (functions/lambda/target/lambda/fanout-lambda.jar)
(cd "$root" && JAVA_HOME="$java_home" ./mvnw -q -B -ntp -pl benchmarks -am -DskipTests package \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime) >&2
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"

jmh_opts=()
if [ -n "${QUICK:-}" ]; then
  jmh_opts=(-wi 2 -i 3 -w 1s -r 1s)
fi

# $1 = benchmark class, $2 = result file
jmh() {
  "$java" -cp "$cp" org.openjdk.jmh.Main "$1" "${jmh_opts[@]}" -rf csv -rff "$2" >&2
}

# JMH CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: job"
worker_report() {
  local csv=$1 mib=$2
  echo
  echo "worker: one chunk of $mib MiB, ms per chunk (lower is better)"
  awk -F, -v mib="$mib" '
    NR > 1 {
      gsub(/"/, ""); split($1, n, "."); b = n[length(n)]; job = $8
      score[job, b] = $5; err[job, b] = $6; jobs[job] = 1
    }
    END {
      printf "  %-14s %12s %12s %10s %12s\n", "job", "chunk", "mapAlone", "ratio", "chunk MB/s"
      for (j in jobs) {
        c = score[j, "chunk"]; m = score[j, "mapAlone"]
        printf "  %-14s %8.2f±%-4.2f %7.2f±%-4.2f %9.2fx %12.0f\n", j, c, err[j, "chunk"], m, err[j, "mapAlone"],
               c / m, mib * 1.048576 / (c / 1000)
      }
      print "  ratio = chunk / mapAlone: what reading, records, encoding and storing add to the job'"'"'s map (goal <= 1.3)"
    }' "$csv"
}

reducer_report() {
  echo
  echo "reducer: partials of 50,000 distinct keys, ms per operation"
  awk -F, '
    NR > 1 {
      gsub(/"/, ""); split($1, n, "."); b = n[length(n)]
      printf "  %-14s %-8s %10.2f ± %.2f\n", $8, b, $5, $6
    }' "$1"
}

if [ "$what" = e2e ]; then
  E2E_NO_BUILD=1 exec "$here/e2e.sh" "$@"
fi

case "$what" in
  all|worker)
    jmh WorkerPathBenchmark "$here/target/results-worker.csv"
    worker_report "$here/target/results-worker.csv" 4 ;;
esac
case "$what" in
  all|reducer)
    jmh ReducerBenchmark "$here/target/results-reducer.csv"
    reducer_report "$here/target/results-reducer.csv" ;;
esac
case "$what" in
  all|scaling)
    echo
    "$java" -Xmx${SCALING_HEAP:-4g} -cp "$cp" dev.fanout.benchmarks.ReducerScaling "$@" ;;
esac
case "$what" in
  all|combine)
    echo
    "$java" -Xmx${COMBINE_HEAP:-1g} -cp "$cp" dev.fanout.benchmarks.CombineScaling "$@" ;;
esac
case "$what" in
  all|planning)
    echo
    # the splitter function's memory: 1,024 MB
    "$java" -Xmx${PLANNING_HEAP:-1024m} -cp "$cp" dev.fanout.benchmarks.PrefixPlanning "$@" ;;
esac
case "$what" in
  all|init)
    echo
    # the local runtime's own logs go to a file; the table goes to stdout
    "$java" -cp "$cp" dev.fanout.benchmarks.lambda.LambdaInitBenchmark \
        "$root/functions/lambda/target/lambda/fanout-lambda.jar" "${1:-3}" 2>"$here/target/init.log" \
        | grep -v '^{' ;;
esac
case "$what" in
  all)
    echo
    E2E_NO_BUILD=1 "$here/e2e.sh" ;;
esac
echo
echo "load after: $(uptime | sed 's/.*load average/load average/')"
