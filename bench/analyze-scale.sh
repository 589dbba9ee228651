#!/usr/bin/env bash
# Scale check of the analysis: for each task count (20 records per task in 4 files), side by side
# in one run: wide in-process (load, rules, common path, flow), the CLI end to end, wide export to
# Parquet, DuckDB's group-by over that Parquet, a jq filtering pass and a Python json.loads pass.
# Wall seconds and peak RSS from GNU time; then the managed bytes held per record after each phase
# (a separate --memory run: its full collections make its times not worth reporting).
#
#   bench/analyze-scale.sh [TASKS...]     default: 60000 500000 (1.2 M and 10 M records)
#   WIDE_BENCH_DIR=/big/disk bench/analyze-scale.sh 500000   # 500,000 tasks is about 3.4 GB of JSON
#
# Run it on an otherwise idle machine: the times are the point.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=${WIDE_BENCH_DIR:-/tmp}
[ $# -gt 0 ] || set -- 60000 500000
dotnet build -c Release "$root/bench/Analyze.Benchmarks" -v quiet -nologo >/dev/null
dotnet build -c Release "$root/src/Wide" -v quiet -nologo >/dev/null
bench="$root/bench/Analyze.Benchmarks/bin/Release/net10.0/WideEvents.Analyze.Benchmarks.dll"
wide="$root/src/Wide/bin/Release/net10.0/wide.dll"

measure() { # name, command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o /tmp/analyze-scale.time "$@" >/tmp/analyze-scale.out 2>/tmp/analyze-scale.err || { cat /tmp/analyze-scale.err >&2; exit 1; }
  read -r secs kb < /tmp/analyze-scale.time
  printf '| %s | %s | %s | %.0f |\n' "$tasks" "$name" "$secs" "$((kb / 1024))"
}

echo "load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo
echo "| tasks | what | wall s | peak RSS MB |"
echo "| ---: | --- | ---: | ---: |"
for tasks in "$@"; do
  dir="$base/wide-bench-$tasks"
  [ -d "$dir" ] || dotnet "$bench" "$tasks" "$dir" >/dev/null   # generate once
  files=$(find "$dir" -name '*.jsonlog' | sort)
  parquet="$base/wide-bench-$tasks.parquet"
  measure "wide: load + rules + common path + flow (in-process benchmark)" dotnet "$bench" "$tasks" "$dir"
  grep -E '^(load|records)' /tmp/analyze-scale.out | sed 's/^/    /' >&2
  measure "wide common DIR --rules parsl (CLI end to end)" dotnet "$wide" common "$dir" --rules parsl
  measure "wide flow DIR --rules parsl --entity parsl_task_id=358" dotnet "$wide" flow "$dir" --rules parsl --entity parsl_task_id=358
  measure "wide export DIR --rules parsl -o FILE.parquet" dotnet "$wide" export "$dir" --rules parsl -o "$parquet"
  measure "DuckDB: group by logsource over the Parquet export" dotnet "$bench" --duckdb "$parquet" "select logsource, count(*), count(distinct parsl_task_id) from read_parquet('$parquet') group by all"
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
  dotnet "$bench" "$tasks" "$dir" --memory | grep -E '^managed' | sed "s/^/    $tasks tasks: /" >&2
done
