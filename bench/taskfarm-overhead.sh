#!/usr/bin/env bash
# TaskFarm throughput with no-op tasks, wide events (a) off, (b) CLEF files, (c) CLEF files
# tailed by a wide-shipper sidecar and shipped over loopback gRPC to a collector, and (p) a peer:
# the same logging calls written by ZLogger's JSON file provider instead (WideEvents off; ZLogger
# has no bound loggers, so its records lack the bound identity fields), several repetitions of
# each, interleaved. Prints a markdown table of tasks/s and the ratios to (a),
# then CPU seconds and peak RSS per TaskFarm process (medians; bench/farm-cpu.py samples /proc),
# with the load average before and after.
#
#   bench/taskfarm-overhead.sh [TASKS=20000] [REPETITIONS=5]
set -euo pipefail
tasks=${1:-20000}
reps=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build -c Release "$root/samples/TaskFarm" -v quiet -nologo >/dev/null
shipper=${SHIPPER_DLL:-$("$root/bench/Shipper.Benchmark/publish.sh")}  # as deployed: Native AOT (or ReadyToRun)
if [[ $shipper == *.dll ]]; then run_shipper=(dotnet "$shipper"); else run_shipper=("$shipper"); fi
work=$(mktemp -d /tmp/taskfarm-overhead.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
measure() { python3 "$root/bench/farm-cpu.py" "$tasks" "$@" 2>/dev/null; }

run_off()   { measure off "$1/runinfo/000"; }
run_files() { measure files "$1/runinfo/000"; }
run_peer()  { TASKFARM_PEER_LOGGER=zlogger TASKFARM_PEER_DIRECTORY="$1/peer" measure off "$1/runinfo/000"; }
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
  "${run_shipper[@]}" run --config "$dir/collector.json" 2>"$dir/collector.log" & local collector=$!
  "${run_shipper[@]}" run --config "$dir/sidecar.json" 2>"$dir/sidecar.log" & local sidecar=$!
  sleep 2
  measure files "$dir/runinfo/000"
  kill -TERM $sidecar $collector; wait $sidecar $collector 2>/dev/null || true
}

load_before=$(cat /proc/loadavg)
for rep in $(seq 1 "$reps"); do
  for mode in off files shipped peer; do
    r=$("run_$mode" "$work/$mode-$rep")
    echo "$mode $r" >> "$work/results"
    echo "rep $rep $mode: $r" >&2
  done
done
load_after=$(cat /proc/loadavg)

python3 - "$tasks" "$reps" "$work/results" "$load_before" "$load_after" <<'PY'
import json, statistics, sys
tasks, reps, path, before, after = sys.argv[1:6]
runs = {"off": [], "files": [], "shipped": [], "peer": []}
for line in open(path):
    mode, data = line.split(" ", 1)
    runs[mode].append(json.loads(data))
names = {"off": "(a) wide events off", "files": "(b) CLEF files", "shipped": "(c) CLEF files + sidecar shipping",
         "peer": "(p) peer: ZLogger JSON files, same calls"}
base = statistics.median(r["tasks_per_second"] for r in runs["off"])
print(f"TaskFarm, {tasks} no-op tasks, 2 pools x 2 workers, {reps} repetitions each (interleaved)")
print(f"load average before: {before}\n")
print("| mode | median tasks/s | min | max | vs (a) |")
print("| --- | ---: | ---: | ---: | ---: |")
for mode, name in names.items():
    v = [r["tasks_per_second"] for r in runs[mode]]
    m = statistics.median(v)
    print(f"| {name} | {m:,.0f} | {min(v):,.0f} | {max(v):,.0f} | {m/base:.3f} |")
roles = ["submitter", "interchange", "pool"]
print("\nPer TaskFarm process, medians (pool: both pools' CPU summed, the larger RSS); (c) leaves out the shipper's own processes\n")
print("| mode | " + " | ".join(f"{r} CPU s" for r in roles) + " | " + " | ".join(f"{r} peak RSS MB" for r in roles) + " |")
print("| --- |" + " ---: |" * (2 * len(roles)))
for mode, name in names.items():
    cpu = [statistics.median(r["cpu_s"].get(role, 0) for r in runs[mode]) for role in roles]
    rss = [statistics.median(r["rss_mb"].get(role, 0) for r in runs[mode]) for role in roles]
    print(f"| {name} | " + " | ".join(f"{c:.2f}" for c in cpu) + " | " + " | ".join(f"{x:.0f}" for x in rss) + " |")
print(f"\nload average after: {after}")
PY
