#!/usr/bin/env bash
# Publishes wide-shipper as it is deployed into src/Shipper/bin/publish and prints the path of
# what to run: a Native AOT executable for this machine's runtime identifier when a C toolchain
# is here to link it (clang, or gcc), else the framework-dependent dll compiled ReadyToRun
# (run it with `dotnet`). SHIPPER_PUBLISH=r2r asks for the latter. The AOT build is compiled for
# this machine's CPU (SHIPPER_ISA=native; SHIPPER_ISA=x86-64-v3 or another instruction set names
# one, SHIPPER_ISA= the portable default).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RID=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
OUT="$ROOT/src/Shipper/bin/publish"
MODE=${SHIPPER_PUBLISH:-aot}
ISA=${SHIPPER_ISA-native}
if [ "$MODE" = aot ]; then
  if command -v clang >/dev/null; then LINKER=clang
  elif command -v gcc >/dev/null; then LINKER=gcc
  else MODE=r2r; echo "publish.sh: no clang or gcc to link a Native AOT build; publishing ReadyToRun" >&2
  fi
fi
rm -rf "$OUT"
if [ "$MODE" = aot ]; then
  dotnet publish "$ROOT/src/Shipper" -c Release -r "$RID" -p:PublishAot=true -p:PublishReadyToRun=false \
    -p:CppCompilerAndLinker="$LINKER" ${ISA:+-p:IlcInstructionSet="$ISA"} -o "$OUT" -v q -nologo >/dev/null
  echo "$OUT/wide-shipper"
else
  dotnet publish "$ROOT/src/Shipper" -c Release -r "$RID" --self-contained false -o "$OUT" -v q -nologo >/dev/null
  echo "$OUT/wide-shipper.dll"
fi
