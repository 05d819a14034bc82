#!/usr/bin/env bash
# End to end: `./fanout run` against what a user would write by hand, on the same generated files and JDK.
#
#   benchmarks/e2e.sh [RUNS]          # RUNS of each contender, alternating (default 5); medians
#   E2E_MIB=64 benchmarks/e2e.sh 1    # smaller inputs, for a first look (default 256 MiB each)
#
# Contenders (each writes its result; all results of a table must be identical, numbers compared by value):
#   wordcount, 256 MiB text:  ./fanout run FILE --job wordcount  |  a plain single-threaded Java count
#                             (EndToEnd wordcount)  |  the seed's Python recipe, multiprocessing.Pool.map over
#                             8 MiB ranges with 2 processes (wordcount_pool.py; skipped when python3 is absent)
#   csv-aggregate, 256 MiB:   ./fanout run FILE --job csv-aggregate  |  a plain single-threaded Java aggregation
#   fixed cost, 100 KB text:  ./fanout run FILE --job wordcount  |  a bare JVM counting the same file
# Each is timed by /usr/bin/time (wall, user+sys CPU of the process and every process it waits for, peak RSS of
# the largest one). Prints medians, `fanout run`'s own phases, and the ratios against the targets of issue 11.
# Inputs (seeded, so every run and machine gets the same bytes) and results go to benchmarks/target/e2e/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
java_home=$("$root/bin/find-jdk" 21)
java=$java_home/bin/java
# 5 by default: on a shared machine one slow round among 3 decides a median (README "Performance")
runs=${1:-5}
mib=${E2E_MIB:-256}
work=$here/target/e2e
mkdir -p "$work"

if [ ! -x /usr/bin/time ]; then
  echo "e2e: /usr/bin/time is needed (Debian: apt-get install time)" >&2
  exit 2
fi
load() { uptime | sed 's/.*load average: //'; }
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; $("$java" -version 2>&1 | head -n 1)"
echo "load before: $(load)"

if [ -z "${E2E_NO_BUILD:-}" ]; then
  (cd "$root" && JAVA_HOME="$java_home" ./mvnw -q -B -ntp -pl benchmarks -am -DskipTests package \
      dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime) >&2
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
# the launcher builds local/runtime itself when stale: do that now, not inside a measurement
"$root/fanout" --version >/dev/null

bytes=$((mib << 20))
text=$work/text-$mib.txt
csv=$work/sales-$mib.csv
small=$work/small-100k.txt
[ -f "$text" ] || { echo "generating $text"; "$java" -cp "$cp" dev.fanout.benchmarks.EndToEnd text "$text" "$bytes"; }
[ -f "$csv" ] || { echo "generating $csv"; "$java" -cp "$cp" dev.fanout.benchmarks.EndToEnd csv "$csv" "$bytes"; }
[ -f "$small" ] || "$java" -cp "$cp" dev.fanout.benchmarks.EndToEnd text "$small" 100000
python=$(command -v python3 || true)
[ -n "$python" ] || echo "python3 not found: the Python baseline is skipped"

# measure LABEL RUN COMMAND...: appends "wall cpu rss_kib" to $work/LABEL.times, output to $work/LABEL.RUN.out
measure() {
  local label=$1 run=$2
  shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$work/$label.time" "$@" >"$work/$label.$run.out" 2>"$work/$label.$run.err" || {
    echo "$label failed (run $run):" >&2
    cat "$work/$label.$run.err" >&2
    exit 1
  }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/$label.time" >>"$work/$label.times"
}
fanout() { # LABEL RUN FILE JOB [options...]: a fresh data folder each time, as a first run
  local label=$1 run=$2 file=$3 job=$4
  shift 4
  rm -rf "$work/$label.data"
  (cd "$work" && measure "$label" "$run" "$root/fanout" run "$file" --job "$job" --out "$work/$label.output" \
      --data-dir "$work/$label.data" "$@")
  local result
  result=$(sed -n 's/^result: //p' "$work/$label.$run.out")
  case "$result" in /*) ;; *) result=$work/$result ;; esac
  cp "$result" "$work/$label.$run.json"
  rm -rf "$work/$label.data" "$work/$label.output"
}
baseline() { # LABEL RUN MODE ARGS...
  local label=$1 run=$2 mode=$3
  shift 3
  measure "$label" "$run" "$java" -cp "$cp" dev.fanout.benchmarks.EndToEnd "$mode" "$@" "$work/$label.$run.json"
}
same() { "$java" -cp "$cp" dev.fanout.benchmarks.EndToEnd same "$1" "$2"; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
column() { awk -v c="$2" '{print $c}' "$work/$1.times" | median; }
phases() { # the median run's "time:" line of fanout run (the one whose wall is the median)
  local label=$1 m
  m=$(column "$label" 1)
  for r in $(seq 1 "$runs"); do
    if [ "$(sed -n "${r}p" "$work/$label.times" | awk '{print $1}')" = "$m" ]; then
      sed -n 's/^time: //p' "$work/$label.$r.out"
      return
    fi
  done
}
row() { # LABEL NAME
  printf "  %-44s %8.2f s %8.2f s %8.0f MiB\n" "$2" "$(column "$1" 1)" "$(column "$1" 2)" \
      "$(awk "BEGIN {print $(column "$1" 3) / 1024}")"
}
# three decimals, and the target checked on them: with two, 4.88 s / 9.75 s (0.5005) printed 0.50 and passed <= 0.5
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
check() { # NAME VALUE OP TARGET
  if awk -v v="$2" -v t="$4" -v op="$3" 'BEGIN {exit !(op == "<=" ? v <= t : v >= t)}'; then
    echo "  $1 = $2 (target $3 $4): met"
  else
    echo "  $1 = $2 (target $3 $4): MISSED"
  fi
}
rounds() { # A B TARGET: the wall ratio A / B of each round (run r of A against run r of B, which ran beside it)
  paste -d ' ' "$work/$1.times" "$work/$2.times" | awk -v t="$3" '
      { r = $1 / $4; s = s sprintf(" %.3f", r); n++; if (r <= t) k++ }
      END { printf "    per round:%s (%d of %d within the target)\n", s, k, n }'
}
agree() { # LABEL...: every result of every run equals the first label's first
  local first=$work/$1.1.json ok=yes
  for label in "$@"; do
    for r in $(seq 1 "$runs"); do
      same "$first" "$work/$label.$r.json" || { ok=NO; echo "  $label run $r differs from $1 run 1" >&2; }
    done
  done
  echo "  results identical: $ok"
}

rm -f "$work"/*.times
for r in $(seq 1 "$runs"); do
  echo "round $r/$runs (load $(load))"
  fanout fanout-wc "$r" "$text" wordcount
  baseline java-wc "$r" wordcount "$text"
  [ -z "$python" ] || measure python-wc "$r" "$python" "$here/wordcount_pool.py" "$text" "$work/python-wc.$r.json" 2 $((8 << 20))
  fanout fanout-csv "$r" "$csv" csv-aggregate --param group-by=city --param value=amount
  baseline java-csv "$r" csv-aggregate "$csv" city amount
  fanout fanout-small "$r" "$small" wordcount
  baseline java-small "$r" wordcount "$small"
done

echo
echo "wordcount, $(stat -L -c %s "$text") bytes; medians of $runs          wall          CPU     peak RSS"
row fanout-wc "./fanout run --job wordcount"
row java-wc "plain single-threaded Java"
[ -z "$python" ] || row python-wc "Python Pool.map, 2 processes, 8 MiB ranges"
agree fanout-wc java-wc $([ -z "$python" ] || echo python-wc)
echo "  fanout run's phases (median run): $(phases fanout-wc)"
echo
echo "csv-aggregate, $(stat -L -c %s "$csv") bytes"
row fanout-csv "./fanout run --job csv-aggregate"
row java-csv "plain single-threaded Java"
agree fanout-csv java-csv
echo "  fanout run's phases (median run): $(phases fanout-csv)"
echo
echo "fixed cost, wordcount of $(stat -L -c %s "$small") bytes"
row fanout-small "./fanout run --job wordcount"
row java-small "bare JVM, plain count"
agree fanout-small java-small
echo "  fanout run's phases (median run): $(phases fanout-small)"

echo
echo "against the targets:"
check "wordcount wall / plain Java" "$(ratio "$(column fanout-wc 1)" "$(column java-wc 1)")" "<=" 0.6
rounds fanout-wc java-wc 0.6
if [ -n "$python" ]; then
  check "wordcount wall / Python" "$(ratio "$(column fanout-wc 1)" "$(column python-wc 1)")" "<=" 0.5
  rounds fanout-wc python-wc 0.5
fi
check "wordcount CPU / plain Java" "$(ratio "$(column fanout-wc 2)" "$(column java-wc 2)")" "<=" 1.5
check "wordcount peak RSS, MiB" "$(awk "BEGIN {printf \"%.0f\", $(column fanout-wc 3) / 1024}")" "<=" 512
check "csv-aggregate wall / plain Java" "$(ratio "$(column fanout-csv 1)" "$(column java-csv 1)")" "<=" 0.7
rounds fanout-csv java-csv 0.7
check "csv-aggregate peak RSS, MiB" "$(awk "BEGIN {printf \"%.0f\", $(column fanout-csv 3) / 1024}")" "<=" 512
check "100 KB wall / bare JVM" "$(ratio "$(column fanout-small 1)" "$(column java-small 1)")" "<=" 15
rounds fanout-small java-small 15
echo
echo "load after: $(load)"
