#!/usr/bin/env bash
# Publishes wide-shipper as it is deployed (framework-dependent, ReadyToRun for this machine's
# runtime identifier) into src/Shipper/bin/publish and prints the path of its dll.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RID=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
OUT="$ROOT/src/Shipper/bin/publish"
dotnet publish "$ROOT/src/Shipper" -c Release -r "$RID" --self-contained false -o "$OUT" -v q -nologo >/dev/null
echo "$OUT/wide-shipper.dll"
