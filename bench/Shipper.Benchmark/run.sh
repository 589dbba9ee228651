#!/usr/bin/env bash
# End-to-end shipper benchmark, side by side with rsyslog on the same files in the same run.
# RECORDS records of ~215 bytes in FILES files are tailed and shipped over loopback TCP:
#   - WideEvents: a sidecar tails the files and ships them over gRPC to a collector, which stores
#     them (fsync before every acknowledgement, de-duplication, quarantine: the defaults);
#   - WideEvents fan-in: FILES sidecars, one file each, into one collector;
#   - rsyslog (Debian's package, installed when missing): imfile (inotify) -> omfwd TCP -> imtcp ->
#     omfile with a raw %msg% template, two user-run daemons, no acknowledgements, no fsync.
#   - JetStream (when nats-server is on the PATH or in /usr/sbin): file -> sidecar -> NATS JetStream
#     (R1 on one node, R3 on a 3-node loopback cluster, file storage) -> collector -> store, with the
#     nats-servers' own CPU seconds (summed over the nodes) in the row;
# Prints records/s, MB/s and CPU seconds per process, two raw limits (`cat FILES > /dev/null`, a
# plain loopback TCP copy), the load average before and after, and the stored line counts.
#
#   bench/Shipper.Benchmark/run.sh [RECORDS=2000000] [FILES=4]
#   ONLY=jetstream bench/Shipper.Benchmark/run.sh 20000    # just the JetStream rows (a quick check)
#   ONLY=wideevents bench/Shipper.Benchmark/run.sh         # just the WideEvents row
# The shipper runs as it is deployed (publish.sh): a Native AOT executable for this machine, or
# ReadyToRun where no C toolchain can link one. SHIPPER_DLL=path runs another build instead (a dll
# through dotnet, anything else as an executable).
set -euo pipefail
RECORDS=${1:-2000000}
FILES=${2:-4}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/shipper-bench.XXXXXX)
PIDS=()
trap 'kill ${PIDS[@]+"${PIDS[@]}"} 2>/dev/null || true; rm -rf "$WORK"' EXIT

ONLY=${ONLY:-}
NATS_SERVER=$(command -v nats-server || { [ -x /usr/sbin/nats-server ] && echo /usr/sbin/nats-server; } || true)
if { [ -z "$ONLY" ] || [ "$ONLY" = rsyslog ]; } && ! command -v rsyslogd >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rsyslog >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rsyslog >/dev/null; }
fi
DLL=${SHIPPER_DLL:-$("$HERE/publish.sh")}
# A Native AOT executable runs as it is; a dll through dotnet.
if [[ $DLL == *.dll ]]; then SHIPPER=(dotnet "$DLL"); else SHIPPER=("$DLL"); fi
TICKS=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu() { awk -v t="$TICKS" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
now() { date +%s.%N; }
rss() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }  # peak resident MB

mkdir -p "$WORK/in"
PER_FILE=$((RECORDS / FILES))
for f in $(seq 1 "$FILES"); do python3 "$HERE/make_records.py" "$WORK/in/app$f.jsonl" "$PER_FILE"; done
TOTAL=$((PER_FILE * FILES))
BYTES=$(cat "$WORK"/in/*.jsonl | wc -c)

# Warm the page cache so the raw limits and the shippers read the same way.
cat "$WORK"/in/*.jsonl > /dev/null
CAT_START=$(now); cat "$WORK"/in/*.jsonl > /dev/null; CAT_END=$(now)
cat "$WORK"/in/*.jsonl > "$WORK/all.jsonl"
read -r TCP_BYTES TCP_SECONDS < <(python3 "$HERE/tcp_copy.py" "$WORK/all.jsonl")
rm "$WORK/all.jsonl"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
ROWS="$WORK/rows.txt"

# One WideEvents run: SIDECARS sidecars (each tailing its share of the files) into one collector.
# Configurations live in WORK, whose in/ they tail; each run has its own directory ID for its data.
wideevents() {
  local name=$1 sidecars=$2 id=$3 dir="$WORK/$3" port
  port=$(free_port)
  mkdir -p "$dir"
  cat > "$WORK/$id-collector.json" <<JSON
{ "DataDirectory": "$id/collector-data", "Grpc": { "Port": $port }, "Health": { "IntervalSeconds": 60 },
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "Sinks": { "Stores": [ { "Name": "store", "Directory": "$id/store" } ] } }
JSON
  "${SHIPPER[@]}" run --config "$WORK/$id-collector.json" 2>"$dir/collector.log" & local collector=$!
  PIDS+=("$collector")
  sleep 1
  local start sidecar_pids=() s include
  start=$(now)
  for s in $(seq 1 "$sidecars"); do
    if [ "$sidecars" -eq 1 ]; then include='"in/*.jsonl"'; else include="\"in/app$s.jsonl\""; fi
    cat > "$WORK/$id-sidecar$s.json" <<JSON
{ "DataDirectory": "$id/sidecar$s-data", "Health": { "IntervalSeconds": 60 },
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "Sources": { "Files": [ { "Name": "in", "Include": [ $include ], "Fields": { "host": "bench" } } ] },
  "Sinks": { "Grpc": [ { "Name": "collector", "Address": "http://127.0.0.1:$port" } ] } }
JSON
    "${SHIPPER[@]}" run --config "$WORK/$id-sidecar$s.json" 2>"$dir/sidecar$s.log" & sidecar_pids+=($!)
    PIDS+=("$!")
  done
  stored() { python3 -c 'import json,sys; print(sum(s["Through"] for s in json.load(open(sys.argv[1])).values()))' "$dir/store/store-state.json" 2>/dev/null || echo 0; }
  while [ "$(stored)" -lt "$TOTAL" ]; do sleep 0.1; done
  local end sidecar_cpu=0 sidecar_rss=0 p
  end=$(now)
  for p in "${sidecar_pids[@]}"; do sidecar_cpu=$(echo "$sidecar_cpu + $(cpu "$p")" | bc); sidecar_rss=$(( $(rss "$p") > sidecar_rss ? $(rss "$p") : sidecar_rss )); done
  local collector_cpu lines
  collector_cpu=$(cpu "$collector")
  local collector_rss; collector_rss=$(rss "$collector")
  lines=$(cat "$dir"/store/*.jsonl | wc -l)
  kill "${sidecar_pids[@]}" "$collector"; wait "${sidecar_pids[@]}" "$collector" 2>/dev/null || true
  local who=sidecar; [ "$sidecars" -gt 1 ] && who="sidecars (sum of $sidecars)"
  echo "$name|$start|$end|$who $sidecar_cpu, collector $collector_cpu|$lines|sidecar $sidecar_rss, collector $collector_rss" >> "$ROWS"
}

# rsyslog on the same files: sender imfile -> omfwd TCP; receiver imtcp -> omfile.
rsyslog() {
  local dir="$WORK/rsyslog" port
  port=$(free_port)
  mkdir -p "$dir/send" "$dir/recv"
  local queue='main_queue(queue.type="FixedArray" queue.size="200000" queue.workerThreads="1" queue.dequeueBatchSize="4096")'
  cat > "$dir/recv.conf" <<CONF
global(workDirectory="$dir/recv" maxMessageSize="64k")
module(load="imtcp")
$queue
template(name="raw" type="string" string="%msg:2:\$%\n")
input(type="imtcp" port="$port" address="127.0.0.1")
action(type="omfile" file="$dir/out.jsonl" template="raw" ioBufferSize="1m" asyncWriting="off" flushOnTXEnd="on")
CONF
  cat > "$dir/send.conf" <<CONF
global(workDirectory="$dir/send" maxMessageSize="64k")
module(load="imfile" mode="inotify")
$queue
input(type="imfile" File="$WORK/in/*.jsonl" Tag="app" MaxLinesAtOnce="0")
action(type="omfwd" target="127.0.0.1" port="$port" protocol="tcp")
CONF
  rsyslogd -n -f "$dir/recv.conf" -i "$dir/recv.pid" 2>"$dir/recv.log" & local receiver=$!
  PIDS+=("$receiver")
  sleep 1
  local start end size last_size=-1 last_change
  start=$(now)
  rsyslogd -n -f "$dir/send.conf" -i "$dir/send.pid" 2>"$dir/send.log" & local sender=$!
  PIDS+=("$sender")
  # The end is when the output stops growing: rsyslog has no acknowledgement to wait for.
  last_change=$start
  while true; do
    size=$(stat -c %s "$dir/out.jsonl" 2>/dev/null || echo 0)
    if [ "$size" != "$last_size" ]; then last_size=$size; last_change=$(now); fi
    if [ "$size" -ge "$BYTES" ] || [ "$(echo "$(now) - $last_change > 5" | bc)" = 1 ]; then break; fi
    sleep 0.05
  done
  end=$last_change
  local sender_cpu receiver_cpu lines
  sender_cpu=$(cpu "$sender"); receiver_cpu=$(cpu "$receiver")
  local rss_row; rss_row="sender $(rss "$sender"), receiver $(rss "$receiver")"
  lines=$(wc -l < "$dir/out.jsonl")
  kill "$sender" "$receiver"; wait "$sender" "$receiver" 2>/dev/null || true
  echo "rsyslog: imfile -> omfwd TCP -> imtcp -> omfile ($FILES files, no acks, no fsync)|$start|$end|sender $sender_cpu, receiver $receiver_cpu|$lines|$rss_row" >> "$ROWS"
}

# file -> sidecar -> JetStream (NODES nodes, REPLICAS replicas) -> collector -> store.
jetstream() {
  local nodes=$1 replicas=$2 id=$3 dir="$WORK/$3" n
  mkdir -p "$dir"
  local ports=() routes=() servers=() nats_pids=()
  for n in $(seq 1 "$nodes"); do ports+=("$(free_port)"); routes+=("$(free_port)"); done
  for n in $(seq 0 $((nodes - 1))); do servers+=("\"nats://127.0.0.1:${ports[$n]}\""); done
  for n in $(seq 0 $((nodes - 1))); do
    mkdir -p "$dir/nats$n"
    {
      echo "server_name: n$n"
      echo "listen: \"127.0.0.1:${ports[$n]}\""
      echo "jetstream { store_dir: \"$dir/nats$n\" }"
      if [ "$nodes" -gt 1 ]; then
        local peers="" m
        for m in $(seq 0 $((nodes - 1))); do [ "$m" != "$n" ] && peers="$peers \"nats-route://127.0.0.1:${routes[$m]}\","; done
        echo "cluster { name: bench, listen: \"127.0.0.1:${routes[$n]}\", routes: [ ${peers%,} ] }"
      fi
    } > "$dir/nats$n.conf"
    "$NATS_SERVER" --config "$dir/nats$n.conf" 2>"$dir/nats$n.log" & nats_pids+=($!)
    PIDS+=("$!")
  done
  local server_list; server_list=$(IFS=,; echo "${servers[*]}")
  sleep 2
  cat > "$WORK/$id-collector.json" <<JSON
{ "DataDirectory": "$id/collector-data", "Health": { "IntervalSeconds": 60 },
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "Sources": { "Nats": [ { "Name": "nats", "Servers": [ $server_list ], "Stream": "BENCH", "Durable": "bench" } ] },
  "Sinks": { "Stores": [ { "Name": "store", "Directory": "$id/store" } ] } }
JSON
  cat > "$WORK/$id-sidecar.json" <<JSON
{ "DataDirectory": "$id/sidecar-data", "Health": { "IntervalSeconds": 60 },
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "Sources": { "Files": [ { "Name": "in", "Include": [ "in/*.jsonl" ], "Fields": { "host": "bench" } } ] },
  "Sinks": { "Nats": [ { "Name": "nats", "Servers": [ $server_list ], "Stream": "BENCH", "Subject": "bench.records.{host}", "Replicas": $replicas } ] } }
JSON
  # As in the gRPC rows, the clock starts with the sidecar, the collector already consuming: a
  # sidecar with nothing to tail creates the stream first, so the collector finds it at once.
  sed -e 's|"in/\*.jsonl"|"none/*.jsonl"|' -e "s|$id/sidecar-data|$id/warmup-data|" "$WORK/$id-sidecar.json" > "$WORK/$id-warmup.json"
  "${SHIPPER[@]}" run --config "$WORK/$id-warmup.json" 2>"$dir/warmup.log" & local warmup=$!
  PIDS+=("$warmup")
  sleep 3
  kill "$warmup"; wait "$warmup" 2>/dev/null || true
  "${SHIPPER[@]}" run --config "$WORK/$id-collector.json" 2>"$dir/collector.log" & local collector=$!
  PIDS+=("$collector")
  sleep 2
  local start; start=$(now)
  "${SHIPPER[@]}" run --config "$WORK/$id-sidecar.json" 2>"$dir/sidecar.log" & local sidecar=$!
  PIDS+=("$sidecar")
  stored() { python3 -c 'import json,sys; print(sum(s["Through"] for s in json.load(open(sys.argv[1])).values()))' "$dir/store/store-state.json" 2>/dev/null || echo 0; }
  while [ "$(stored)" -lt "$TOTAL" ]; do sleep 0.1; done
  local end; end=$(now)
  local sidecar_cpu collector_cpu nats_cpu=0 nats_rss=0 p lines
  sidecar_cpu=$(cpu "$sidecar"); collector_cpu=$(cpu "$collector")
  for p in "${nats_pids[@]}"; do nats_cpu=$(echo "$nats_cpu + $(cpu "$p")" | bc); nats_rss=$(( $(rss "$p") > nats_rss ? $(rss "$p") : nats_rss )); done
  local rss_row; rss_row="sidecar $(rss "$sidecar"), collector $(rss "$collector"), nats-server $nats_rss (largest)"
  lines=$(cat "$dir"/store/*.jsonl | wc -l)
  kill "$sidecar" "$collector"; wait "$sidecar" "$collector" 2>/dev/null || true
  kill "${nats_pids[@]}"; wait "${nats_pids[@]}" 2>/dev/null || true
  local who="nats-server"; [ "$nodes" -gt 1 ] && who="nats-servers (sum of $nodes)"
  echo "JetStream R$replicas: file -> sidecar -> JetStream ($nodes node(s), file storage) -> collector -> store ($FILES files)|$start|$end|sidecar $sidecar_cpu, collector $collector_cpu, $who $nats_cpu|$lines|$rss_row" >> "$ROWS"
}

if [ -z "$ONLY" ] || [ "$ONLY" = wideevents ]; then
  wideevents "file -> sidecar -> gRPC -> collector -> store ($FILES files)" 1 one
fi
if [ -z "$ONLY" ]; then
  wideevents "fan-in: $FILES sidecars (a file each) -> one collector -> store" "$FILES" fanin
  rsyslog
fi
if [ -n "$NATS_SERVER" ] && { [ -z "$ONLY" ] || [ "$ONLY" = jetstream ]; }; then
  jetstream 1 1 js1
  jetstream 3 3 js3
elif [ "$ONLY" = jetstream ]; then
  echo "nats-server is not installed (apt-get install nats-server)" >&2; exit 2
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$TOTAL" "$BYTES" "$ROWS" "$CAT_START" "$CAT_END" "$TCP_BYTES" "$TCP_SECONDS" "$LOAD_BEFORE" "$LOAD_AFTER" <<'PY'
import sys
total, nbytes, rows_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
cat_s = float(sys.argv[5]) - float(sys.argv[4])
tcp_bytes, tcp_s = int(sys.argv[6]), float(sys.argv[7])
mb = nbytes / 1e6
rows = [line.rstrip("\n").split("|") for line in open(rows_path)]
print(f"load average before: {sys.argv[8]}")
print(f"| what | records | MB | seconds | records/s | MB/s | CPU s | peak RSS MB |")
print(f"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
rate = {}
for name, start, end, cpu, lines, peak in rows:
    secs = float(end) - float(start)
    rate[name] = total / secs
    print(f"| {name} | {total:,} | {mb:,.0f} | {secs:.1f} | {total/secs:,.0f} | {mb/secs:,.1f} | {cpu} | {peak} |")
print(f"| raw: `cat FILES > /dev/null` (page cache) | {total:,} | {mb:,.0f} | {cat_s:.2f} | {total/cat_s:,.0f} | {mb/cat_s:,.0f} | | |")
print(f"| raw: loopback TCP copy (python sendfile -> recv) | {total:,} | {tcp_bytes/1e6:,.0f} | {tcp_s:.2f} | {total/tcp_s:,.0f} | {tcp_bytes/1e6/tcp_s:,.0f} | | |")
print(f"load average after: {sys.argv[9]}")
names = [r[0] for r in rows]
if len(names) >= 3 and names[2].startswith("rsyslog"):
    print(f"WideEvents / rsyslog records/s: {rate[names[0]] / rate[names[2]]:.2f} (fan-in {rate[names[1]] / rate[names[2]]:.2f})")
for name, _, _, _, lines, _ in rows:
    print(f"stored lines: {int(lines):,} (expected {total:,}) [{name.split(':')[0]}]")
PY
