#!/usr/bin/env bash
# Runs the whole Emit suite (about 6-8 minutes on 2 cores) and keeps the logs in $OUT.
# Usage, from the repository root: bench/Emit.Benchmarks/run.sh [out-dir]
set -euo pipefail
OUT=${1:-/tmp/emit-bench-results}
mkdir -p "$OUT"
dotnet build bench/Emit.Benchmarks -c Release
run() { dotnet run -c Release --no-build --project bench/Emit.Benchmarks -- "$@"; }
{ echo "start: $(date -u +%FT%TZ) load: $(cat /proc/loadavg)"; } | tee "$OUT/load.txt"
run --sample | tee "$OUT/sample.txt"
run --filter '*BurstBenchmarks*' --artifacts "$OUT/bdn" | tee "$OUT/burst.log"
echo "after burst: $(cat /proc/loadavg)" | tee -a "$OUT/load.txt"
run --filter '*CallBenchmarks*' --artifacts "$OUT/bdn" | tee "$OUT/call.log"
echo "after call: $(cat /proc/loadavg)" | tee -a "$OUT/load.txt"
run --throughput 1000000 5 | tee "$OUT/throughput.md"
run --rate 100000 10 | tee "$OUT/rate.md"
echo "end: $(date -u +%FT%TZ) load: $(cat /proc/loadavg)" | tee -a "$OUT/load.txt"
