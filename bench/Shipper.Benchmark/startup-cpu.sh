#!/usr/bin/env bash
# What a sidecar and a collector cost before any volume: CPU seconds after starting (4 s idle),
# and after their first 1,000 records, so the per-record figures of run.sh can be read net of it.
#
#   bench/Shipper.Benchmark/startup-cpu.sh [DLL=src/Shipper/bin/Release/net10.0/wide-shipper.dll]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DLL=${1:-}
if [ -z "$DLL" ]; then
  dotnet build "$ROOT/src/Shipper" -c Release -v q -nologo >/dev/null
  DLL="$ROOT/src/Shipper/bin/Release/net10.0/wide-shipper.dll"
fi
WORK=$(mktemp -d /tmp/shipper-startup.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
cd "$WORK"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TICKS=$(getconf CLK_TCK)
cpu() { awk -v t="$TICKS" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
mkdir in
cat > collector.json <<JSON
{ "DataDirectory": "c", "Grpc": { "Port": $PORT }, "Logging": { "LogLevel": { "Default": "Warning" } },
  "Sinks": { "Stores": [ { "Name": "store", "Directory": "store" } ] } }
JSON
cat > sidecar.json <<JSON
{ "DataDirectory": "s", "Logging": { "LogLevel": { "Default": "Warning" } },
  "Sources": { "Files": [ { "Name": "in", "Include": [ "in/*.jsonl" ] } ] },
  "Sinks": { "Grpc": [ { "Name": "c", "Address": "http://127.0.0.1:$PORT" } ] } }
JSON
dotnet "$DLL" run --config collector.json 2>c.log & C=$!
sleep 0.5
dotnet "$DLL" run --config sidecar.json 2>s.log & S=$!
sleep 4
echo "CPU s after starting: collector $(cpu $C), sidecar $(cpu $S)"
python3 "$HERE/make_records.py" in/a.jsonl 1000
sleep 3
echo "CPU s after the first 1,000 records: collector $(cpu $C), sidecar $(cpu $S)"
