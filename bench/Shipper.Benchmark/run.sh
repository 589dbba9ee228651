#!/usr/bin/env bash
# End-to-end shipper benchmark: RECORDS records of ~200 bytes in FILES files are tailed by a
# sidecar, shipped over loopback gRPC to a collector, and stored (fsync on every hop, the
# defaults). Prints records/s, MB/s and CPU seconds per process, plus two raw limits:
# `cat FILE > /dev/null` and a plain loopback TCP copy of the same bytes.
#
#   bench/Shipper.Benchmark/run.sh [RECORDS=2000000] [FILES=4]
set -euo pipefail
RECORDS=${1:-2000000}
FILES=${2:-4}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/shipper-bench.XXXXXX)
trap 'kill $SIDECAR_PID $COLLECTOR_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

dotnet build "$ROOT/src/Shipper" -c Release -v q -nologo >/dev/null
DLL="$ROOT/src/Shipper/bin/Release/net10.0/wide-shipper.dll"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TICKS=$(getconf CLK_TCK)

mkdir -p "$WORK/in"
PER_FILE=$((RECORDS / FILES))
for f in $(seq 1 "$FILES"); do python3 "$HERE/make_records.py" "$WORK/in/app$f.jsonl" "$PER_FILE"; done
TOTAL=$((PER_FILE * FILES))
BYTES=$(cat "$WORK"/in/*.jsonl | wc -c)

cat > "$WORK/collector.json" <<JSON
{ "DataDirectory": "collector-data", "Grpc": { "Port": $PORT }, "Health": { "IntervalSeconds": 60 },
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "Sinks": { "Stores": [ { "Name": "store", "Directory": "store" } ] } }
JSON
cat > "$WORK/sidecar.json" <<JSON
{ "DataDirectory": "sidecar-data", "Health": { "IntervalSeconds": 60 },
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "Sources": { "Files": [ { "Name": "in", "Include": [ "in/*.jsonl" ], "Fields": { "host": "bench" } } ] },
  "Sinks": { "Grpc": [ { "Name": "collector", "Address": "http://127.0.0.1:$PORT" } ] } }
JSON

# Warm the page cache so the raw limits and the shipper read the same way.
cat "$WORK"/in/*.jsonl > /dev/null
CAT_START=$(date +%s.%N); cat "$WORK"/in/*.jsonl > /dev/null; CAT_END=$(date +%s.%N)
cat "$WORK"/in/*.jsonl > "$WORK/all.jsonl"
read -r TCP_BYTES TCP_SECONDS < <(python3 "$HERE/tcp_copy.py" "$WORK/all.jsonl")
rm "$WORK/all.jsonl"

cd "$WORK"
dotnet "$DLL" run --config collector.json 2>collector.log & COLLECTOR_PID=$!
sleep 1
START=$(date +%s.%N)
dotnet "$DLL" run --config sidecar.json 2>sidecar.log & SIDECAR_PID=$!
stored() { python3 -c 'import json,sys; print(sum(s["Through"] for s in json.load(open(sys.argv[1])).values()))' store/store-state.json 2>/dev/null || echo 0; }
while [ "$(stored)" -lt "$TOTAL" ]; do sleep 0.1; done
END=$(date +%s.%N)
cpu() { awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$1/stat"; }
SIDECAR_CPU=$(cpu $SIDECAR_PID); COLLECTOR_CPU=$(cpu $COLLECTOR_PID)
STORED_LINES=$(cat store/*.jsonl | wc -l)

python3 - "$TOTAL" "$BYTES" "$START" "$END" "$SIDECAR_CPU" "$COLLECTOR_CPU" "$CAT_START" "$CAT_END" "$TCP_BYTES" "$TCP_SECONDS" "$STORED_LINES" "$FILES" <<'PY'
import sys
total, nbytes = int(sys.argv[1]), int(sys.argv[2])
start, end, scpu, ccpu = map(float, sys.argv[3:7])
cat_s = float(sys.argv[8]) - float(sys.argv[7])
tcp_bytes, tcp_s, stored, files = int(sys.argv[9]), float(sys.argv[10]), int(sys.argv[11]), int(sys.argv[12])
secs = end - start
mb = nbytes / 1e6
print(f"| what | records | MB | seconds | records/s | MB/s | CPU s |")
print(f"| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
print(f"| file -> sidecar -> gRPC -> collector -> store ({files} files) | {total:,} | {mb:,.0f} | {secs:.1f} | {total/secs:,.0f} | {mb/secs:,.1f} | sidecar {scpu:.1f}, collector {ccpu:.1f} |")
print(f"| raw: `cat FILES > /dev/null` (page cache) | {total:,} | {mb:,.0f} | {cat_s:.2f} | {total/cat_s:,.0f} | {mb/cat_s:,.0f} | |")
print(f"| raw: loopback TCP copy (python sendfile -> recv) | {total:,} | {tcp_bytes/1e6:,.0f} | {tcp_s:.2f} | {total/tcp_s:,.0f} | {tcp_bytes/1e6/tcp_s:,.0f} | |")
print(f"stored lines: {stored:,} (expected {total:,})")
PY
