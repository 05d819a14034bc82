#!/usr/bin/env bash
# What faults cost: `fanout run` (wordcount) over a generated text of just under 8 MiB in 64 KiB chunks (128
# chunks), without faults, with --chaos throw=0.2 and with --chaos throw=0.2,hang=0.05, each at the default time
# scale (0.1: worker timeout 30 s, HeartbeatSeconds 13.9 s). Prints each wall time, the ratios to the fault-free run
# measured in the same script, the goals (throw alone: <= 1.5; with hangs: <= (fault-free + 2 x the scaled worker
# timeout) / fault-free), how the faults were absorbed, and whether every result is byte-identical to the
# fault-free one.
#
#   local/runtime/bench/chaos-bench.sh [SEED] [ROUNDS]
#
# ROUNDS (default 3) rounds each run the three in turn; the figures are each one's median, so that a passing load
# on the machine weighs on all three alike. Work files go to $BENCH_DIR (default: a temporary folder). The JVM
# options of `./fanout` come from FANOUT_JAVA_OPTS, as usual. Measure on an otherwise idle machine (`uptime`): the
# script prints the load before and after.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
seed=${1:-1}
rounds=${2:-3}
# just under 8 MiB: the generator ends on a whole line past this size, and the input stays within 128 chunks
size=$((8 * 1024 * 1024 - 1024))
chunk=64KiB
time_scale=0.1
worker_timeout=30 # the stack's 300 s, times the time scale
work=${BENCH_DIR:-${TMPDIR:-/tmp}/fanout-chaos-bench}
mkdir -p "$work"
java_home=$("$root/bin/find-jdk" 21)
mkdir -p "$work/classes"
"$java_home/bin/javac" -d "$work/classes" "$here/PlainWordCount.java"
input=$work/input-$size.txt
if [ ! -f "$input" ]; then
  "$java_home/bin/java" -cp "$work/classes" PlainWordCount generate "$input" "$size"
fi

# build first, so that a rebuild is never part of a measurement
"$root/fanout" --version >/dev/null

now() { date +%s.%N; }
run() { # label, round, extra options... ; writes $work/<label>-<round>.out and appends to $work/<label>.seconds
  local label=$1 round=$2
  shift 2
  rm -rf "$work/$label-data" "$work/$label-$round-out"
  local start end
  start=$(now)
  (cd "$work" && "$root/fanout" run "$input" --job wordcount --chunk-size "$chunk" --time-scale "$time_scale" \
      --data-dir "$work/$label-data" --out "$work/$label-$round-out" "$@" > "$work/$label-$round.out")
  end=$(now)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }' >> "$work/$label.seconds"
}
result_of() { # label-round
  local r
  r=$(sed -n 's/^result: //p' "$work/$1.out")
  case "$r" in /*) echo "$r" ;; *) echo "$work/$r" ;; esac
}
median() { sort -n "$work/$1.seconds" | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
all() { paste -sd ' ' "$work/$1.seconds"; }

rm -f "$work"/none.seconds "$work"/throw.seconds "$work"/hang.seconds
echo "load before: $(uptime | sed 's/.*load average/load average/')"
for round in $(seq 1 "$rounds"); do
  echo "round $round: fault-free, --chaos seed=$seed,throw=0.2, --chaos seed=$seed,throw=0.2,hang=0.05..."
  run none "$round"
  run throw "$round" --chaos "seed=$seed,throw=0.2"
  run hang "$round" --chaos "seed=$seed,throw=0.2,hang=0.05"
done
echo "load after:  $(uptime | sed 's/.*load average/load average/')"

identical=yes
for round in $(seq 1 "$rounds"); do
  for label in none throw hang; do
    cmp -s "$(result_of none-1)" "$(result_of "$label-$round")" || identical=NO
  done
done
faults() { grep '^faults:' "$work/$1-1.out" | sed 's/^faults: //'; }
chunks=$(sed -n 's/^progress: [0-9]*\/\([0-9]*\) chunks.*/\1/p' "$work/none-1.out" | tail -1)
awk -v n="$(median none)" -v t="$(median throw)" -v h="$(median hang)" -v wt="$worker_timeout" \
    -v an="$(all none)" -v at="$(all throw)" -v ah="$(all hang)" -v rounds="$rounds" -v chunks="$chunks" \
    -v same="$identical" -v ft="$(faults throw)" -v fh="$(faults hang)" 'BEGIN {
  printf "input:                 %s chunks of 64 KiB, time scale 0.1 (worker timeout %d s); medians of %d rounds\n",
      chunks, wt, rounds
  printf "fault-free:            %6.2f s  (%s)\n", n, an
  printf "throw=0.2:             %6.2f s  (%s)  ratio %.2f  (goal <= 1.50)  %s\n", t, at, t / n,
      (t / n <= 1.5 ? "met" : "MISSED")
  printf "  faults: %s\n", ft
  goal = (n + 2 * wt) / n
  printf "throw=0.2,hang=0.05:   %6.2f s  (%s)  ratio %.2f  (goal <= %.2f = (%.2f + 2 x %d) / %.2f)  %s\n",
      h, ah, h / n, goal, n, wt, n, (h / n <= goal ? "met" : "MISSED")
  printf "  faults: %s\n", fh
  printf "every result identical to the fault-free one: %s\n", same
}'
[ "$identical" = yes ]
