#!/usr/bin/env bash
# Measures what one poll of the local dashboard costs for a job of many chunks: starts `fanout serve`, submits a
# `double` job of N one-element chunks (default 10,000, the inline maximum), and while it runs and after it
# ended times the page's three requests (the jobs list, the job's detail with its per-chunk state string, its
# failed chunks) and prints their sizes, beside the machine's load.
#
#   local/runtime/bench/dashboard-poll.sh [CHUNKS] [PORT]
#
# Work files go to $BENCH_DIR (default: a temporary folder). Needs curl and python3.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
chunks=${1:-10000}
port=${2:-18090}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/fanout-dashboard-bench}
api=http://127.0.0.1:$port
rm -rf "$work" && mkdir -p "$work"

"$root/fanout" --version >/dev/null   # build first, outside the measurement
"$root/fanout" serve --port "$port" --data-dir "$work/.fanout" >"$work/serve.out" 2>"$work/serve.err" &
serve=$!
trap 'kill "$serve" 2>/dev/null || true; wait "$serve" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs -o /dev/null "$api/" && break; sleep 1; done

python3 -c "import json,sys; print(json.dumps({'jobType':'double','input':{'items':list(range(int(sys.argv[1])))},'chunkSizeItems':1}))" \
  "$chunks" >"$work/request.json"
job=$(curl -fs -X POST "$api/jobs" -H 'Content-Type: application/json' -d @"$work/request.json" |
  python3 -c "import json,sys; print(json.load(sys.stdin)['jobId'])")
echo "job $job: $chunks chunks"

poll() { # label, path: 10 requests; prints median and max time and the size of the answer
  local label=$1 path=$2
  for _ in $(seq 1 10); do curl -fs -o "$work/answer" -w '%{time_total}\n' "$api$path"; done | sort -n >"$work/times"
  awk -v label="$label" -v size="$(stat -c %s "$work/answer")" \
    '{t[NR]=$1} END {printf "  %-8s median %6.1f ms  max %6.1f ms  %7d bytes\n", label, t[int((NR+1)/2)]*1000, t[NR]*1000, size}' \
    "$work/times"
}
report() {
  echo "$1 (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  poll jobs "/_dashboard/api/jobs"
  poll detail "/_dashboard/api/jobs/$job"
  poll failures "/_dashboard/api/jobs/$job/failures"
}

until curl -fs "$api/_dashboard/api/jobs/$job" | python3 -c "import json,sys; d=json.load(sys.stdin); sys.exit(0 if d['chunks'].count('S') >= len(d['chunks']) // 10 > 0 else 1)"; do
  sleep 1
done
report "while it runs"
until curl -fs "$api/jobs/$job" | grep -q '"status":"SUCCEEDED"'; do sleep 2; done
report "after it ended"
