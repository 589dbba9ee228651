#!/usr/bin/env bash
# OTLP/gRPC logs ingest next to our own Ingest.Push, into the same collector configuration (a
# store as the only sink: fsync before every answer, de-duplication, quarantine), the same
# records, REPETITIONS times each, interleaved. Prints records/s and the collector's CPU seconds
# per million records, with the load average before and after.
#
#   bench/Otlp.Benchmark/run.sh [RECORDS=500000] [REPETITIONS=3]
set -euo pipefail
RECORDS=${1:-500000}
REPS=${2:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/otlp-bench.XXXXXX)
COLLECTOR=
trap '[ -n "$COLLECTOR" ] && kill $COLLECTOR 2>/dev/null; rm -rf "$WORK"' EXIT
dotnet build "$ROOT/src/Shipper" -c Release -v q -nologo >/dev/null
dotnet build "$HERE" -c Release -v q -nologo >/dev/null
SHIPPER="$ROOT/src/Shipper/bin/Release/net10.0/wide-shipper.dll"
CLIENT="$HERE/bin/Release/net10.0/WideEvents.Otlp.Benchmark.dll"
TICKS=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu() { awk -v t="$TICKS" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }

one() {  # mode rep -> "seconds cpu stored"
  local dir="$WORK/$1-$2" port; port=$(free_port); mkdir -p "$dir"
  printf '{ "DataDirectory": "data", "Grpc": { "Address": "127.0.0.1", "Port": %s }, "Sinks": { "Stores": [ { "Name": "store", "Directory": "store" } ] } }' "$port" > "$dir/c.json"
  dotnet "$SHIPPER" run --config "$dir/c.json" 2>"$dir/log" & COLLECTOR=$!
  until python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null; do sleep 0.1; done
  local before; before=$(cpu $COLLECTOR)
  local seconds; seconds=$(dotnet "$CLIENT" "$1" "$port" "$RECORDS" | awk '{ print $(NF-1) }')
  local after; after=$(cpu $COLLECTOR)
  kill -TERM $COLLECTOR; wait $COLLECTOR 2>/dev/null || true; COLLECTOR=
  echo "$seconds $(echo "$after - $before" | bc) $(cat "$dir"/store/*.jsonl | wc -l)"
}

echo "# load before: $(cat /proc/loadavg)"
for rep in $(seq 1 "$REPS"); do
  for mode in push otlp; do echo "$mode $(one $mode $rep)" | tee -a "$WORK/results" >&2; done
done
python3 - "$RECORDS" "$WORK/results" <<'PY'
import statistics, sys
records, path = int(sys.argv[1]), sys.argv[2]
rows = {}
for line in open(path):
    mode, seconds, cpu, stored = line.split()
    rows.setdefault(mode, []).append((float(seconds), float(cpu), int(stored)))
print(f"\n{records:,} records per run, medians of {len(rows['push'])} runs\n")
print("| protocol | records/s | collector CPU s per million records | stored |")
print("| --- | ---: | ---: | ---: |")
names = {"push": "Ingest.Push (our own, JSON lines)", "otlp": "OTLP/gRPC logs (1,000 per export, 4 in flight)"}
for mode in ("push", "otlp"):
    r = rows[mode]
    print(f"| {names[mode]} | {records / statistics.median(x[0] for x in r):,.0f} | {statistics.median(x[1] for x in r) / records * 1e6:.2f} | {min(x[2] for x in r):,} |")
PY
echo "# load after: $(cat /proc/loadavg)"
