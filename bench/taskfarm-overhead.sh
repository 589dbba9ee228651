#!/usr/bin/env bash
# TaskFarm throughput with no-op tasks, wide events (a) off, (b) CLEF files, (c) CLEF files
# tailed by a wide-shipper sidecar and shipped over loopback gRPC to a collector, several
# repetitions of each, interleaved. Prints a markdown table of tasks/s and the ratios to (a).
#
#   bench/taskfarm-overhead.sh [TASKS=20000] [REPETITIONS=5]
set -euo pipefail
tasks=${1:-20000}
reps=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build -c Release "$root/samples/TaskFarm" -v quiet -nologo >/dev/null
dotnet build -c Release "$root/src/Shipper" -v quiet -nologo >/dev/null
farm="$root/samples/TaskFarm/bin/Release/net10.0/taskfarm.dll"
shipper="$root/src/Shipper/bin/Release/net10.0/wide-shipper.dll"
work=$(mktemp -d /tmp/taskfarm-overhead.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rate() { python3 -c 'import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])["tasks_per_second"])'; }
farm_args=(--tasks "$tasks" --sleep-ms 0 --shape independent --pools 2 --workers 2)

run_off()   { dotnet "$farm" "${farm_args[@]}" --wide-events off --run-dir "$1/runinfo/000" | rate; }
run_files() { dotnet "$farm" "${farm_args[@]}" --run-dir "$1/runinfo/000" | rate; }
run_shipped() {
  local dir=$1 port; port=$(free_port)
  mkdir -p "$dir"
  cat > "$dir/collector.json" <<JSON
{ "DataDirectory": "collector-data", "Grpc": { "Address": "127.0.0.1", "Port": $port },
  "Sinks": { "Stores": [ { "Name": "store", "Directory": "store" } ] } }
JSON
  cat > "$dir/sidecar.json" <<JSON
{ "DataDirectory": "sidecar-data",
  "Sources": { "Files": [ { "Name": "runinfo", "BaseDirectory": ".", "Include": [ "runinfo/**/*.jsonl" ], "PollMilliseconds": 100 } ] },
  "Sinks": { "Grpc": [ { "Name": "collector", "Address": "http://127.0.0.1:$port" } ] } }
JSON
  dotnet "$shipper" run --config "$dir/collector.json" 2>"$dir/collector.log" & local collector=$!
  dotnet "$shipper" run --config "$dir/sidecar.json" 2>"$dir/sidecar.log" & local sidecar=$!
  sleep 2
  dotnet "$farm" "${farm_args[@]}" --run-dir "$dir/runinfo/000" | rate
  kill -TERM $sidecar $collector; wait $sidecar $collector 2>/dev/null || true
}

declare -A results=([off]="" [files]="" [shipped]="")
for rep in $(seq 1 "$reps"); do
  for mode in off files shipped; do
    r=$("run_$mode" "$work/$mode-$rep")
    results[$mode]+="$r "
    echo "rep $rep $mode: $r tasks/s" >&2
  done
done

python3 - "$tasks" "$reps" "${results[off]}" "${results[files]}" "${results[shipped]}" <<'PY'
import statistics, sys
tasks, reps = sys.argv[1], sys.argv[2]
modes = {"(a) wide events off": sys.argv[3], "(b) CLEF files": sys.argv[4], "(c) CLEF files + sidecar shipping": sys.argv[5]}
base = statistics.median(float(x) for x in modes["(a) wide events off"].split())
print(f"TaskFarm, {tasks} no-op tasks, 2 pools x 2 workers, {reps} repetitions each (interleaved)\n")
print("| mode | median tasks/s | min | max | vs (a) |")
print("| --- | ---: | ---: | ---: | ---: |")
for name, values in modes.items():
    v = [float(x) for x in values.split()]
    m = statistics.median(v)
    print(f"| {name} | {m:,.0f} | {min(v):,.0f} | {max(v):,.0f} | {m/base:.3f} |")
PY
