#!/usr/bin/env bash
# Analyze on a generated Parsl-shaped run (TASKS x 20 records in 4 files), side by side in one
# run with a single jq filtering pass and a one-pass Python json.loads of the same files: wall
# seconds and peak resident memory of each, from GNU time.
#
#   bench/analyze-vs-jq.sh [TASKS=60000] [DIR=/tmp/wide-bench-TASKS]
set -euo pipefail
tasks=${1:-60000}
dir=${2:-/tmp/wide-bench-$tasks}
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build -c Release "$root/bench/Analyze.Benchmarks" -v quiet -nologo >/dev/null
dotnet build -c Release "$root/src/Wide" -v quiet -nologo >/dev/null
bench="$root/bench/Analyze.Benchmarks/bin/Release/net10.0/WideEvents.Analyze.Benchmarks.dll"
wide="$root/src/Wide/bin/Release/net10.0/wide.dll"
[ -d "$dir" ] || dotnet "$bench" "$tasks" "$dir" >/dev/null   # generate once
files=$(find "$dir" -name '*.jsonlog' | sort)

measure() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o /tmp/analyze-vs-jq.time "$@" >/dev/null 2>/tmp/analyze-vs-jq.err || { cat /tmp/analyze-vs-jq.err >&2; exit 1; }
  read -r secs kb < /tmp/analyze-vs-jq.time
  printf '| %s | %s | %.0f |\n' "$name" "$secs" "$((kb / 1024))"
}

echo "$(find "$dir" -name '*.jsonlog' | wc -l) files, $(du -sm "$dir" | cut -f1) MB, $tasks tasks; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | wall s | peak RSS MB |"
echo "| --- | ---: | ---: |"
measure "wide: load + rules + common path + flow (in-process benchmark)" dotnet "$bench" "$tasks" "$dir"
measure "wide common DIR --rules parsl (CLI end to end)" dotnet "$wide" common "$dir" --rules parsl
measure "wide flow DIR --rules parsl --entity parsl_task_id=358" dotnet "$wide" flow "$dir" --rules parsl --entity parsl_task_id=358
# shellcheck disable=SC2086
measure "jq -c 'select(.parsl_task_id==\"358\")' (one filtering pass)" jq -c 'select(.parsl_task_id=="358")' $files
# shellcheck disable=SC2086
measure "python3: one pass of json.loads over every line" python3 -c 'import json,sys
n=0
for f in sys.argv[1:]:
    with open(f, "rb") as h:
        for line in h:
            json.loads(line); n+=1
print(n)' $files
