#!/usr/bin/env bash
# Measures `fanout run` on a generated 1 GiB text (wordcount): wall time, throughput and peak RSS of the whole
# process, and, on the same file, a plain single-threaded Java word count for comparison. Checks that both
# produce the same counts.
#
#   local/runtime/bench/bench-1gib.sh [SIZE_BYTES] [extra fanout run options...]
#
# Work files go to $BENCH_DIR (default: a temporary folder; the input is kept there for reruns).
# The JVM options of `./fanout` come from FANOUT_JAVA_OPTS, as usual.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
size=${1:-1073741824}
shift || true
work=${BENCH_DIR:-${TMPDIR:-/tmp}/fanout-bench}
mkdir -p "$work"
java_home=$("$root/bin/find-jdk" 21)
java=$java_home/bin/java
input=$work/input-$size.txt
# compiled once, so the plain count's time is not javac's
mkdir -p "$work/classes"
"$java_home/bin/javac" -d "$work/classes" "$here/PlainWordCount.java"
plain() { "$java" -cp "$work/classes" PlainWordCount "$@"; }

if [ ! -f "$input" ]; then
  echo "generating $input ($size bytes)..."
  plain generate "$input" "$size"
fi
bytes=$(stat -c %s "$input")

# build first, so that a rebuild triggered by edited sources is never part of the measurement; the measured
# run goes through the launcher exactly as a user types it (its JVM options and FANOUT_JAVA_OPTS included)
"$root/fanout" --version >/dev/null
fanout_cmd=("$root/fanout")

measure() { # label, command... ; prints wall seconds and max RSS (KiB) into $work/<label>.time
  local label=$1
  shift
  /usr/bin/time -v -o "$work/$label.time" "$@"
}
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$1"; }
rss_mib() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }

rm -rf "$work/data" "$work/out"
echo "fanout run (wordcount) on $bytes bytes..."
(cd "$work" && measure fanout "${fanout_cmd[@]}" run "$input" --job wordcount --out "$work/out" \
    --data-dir "$work/data" "$@" > "$work/fanout.out")
result=$(sed -n 's/^result: //p' "$work/fanout.out")
case "$result" in /*) ;; *) result=$work/$result ;; esac

echo "plain single-threaded word count..."
measure plain "$java" -cp "$work/classes" PlainWordCount count "$input" "$work/plain.json"

if plain same "$result" "$work/plain.json"; then same=yes; else same=NO; fi

f_s=$(seconds "$work/fanout.time"); p_s=$(seconds "$work/plain.time")
f_rss=$(rss_mib "$work/fanout.time"); p_rss=$(rss_mib "$work/plain.time")
awk -v b="$bytes" -v fs="$f_s" -v ps="$p_s" -v fr="$f_rss" -v pr="$p_rss" -v same="$same" -v cpus="$(nproc)" 'BEGIN {
  mib = b / 1048576
  printf "input:                 %.0f MiB, %d processors\n", mib, cpus
  printf "fanout run:            %6.1f s  %7.1f MiB/s  peak RSS %5d MiB (whole process: S3, SQS, Step Functions, functions)\n", fs, mib/fs, fr
  printf "plain Java word count: %6.1f s  %7.1f MiB/s  peak RSS %5d MiB\n", ps, mib/ps, pr
  printf "fanout / plain time:   %.2f\n", fs/ps
  printf "same counts:           %s\n", same
}'
summary=$(sed -n 's/^summary: //p' "$work/fanout.out")
case "$summary" in /*) ;; *) summary=$work/$summary ;; esac
echo "summary: $summary"
[ "$same" = yes ]
