#!/usr/bin/env bash
# Proves the "One broker per site" setup of Runtime/EdgeCascade.Runtime/Hosting/README.md on this machine.
# Opt-in (about 75 s on 2 busy cores, starts three brokers): not part of scripts/test.sh.
#
#   scripts/multisite-demo.sh          (on a shared machine: nice -n 10 scripts/multisite-demo.sh)
#
# 1. three private brokers (scripts/rabbitmq.sh) with rabbitmq_shovel and rabbitmq_federation, one per site of
#    topology two-stage: camera 127.0.0.1:5701, base-station :5702, cloud :5703 (epmd 4381..4383);
# 2. the README's per-broker commands: a user 'edge' (random password) on every broker; a shovel (ack-mode
#    on-confirm) carrying base-station's queue from the camera broker to the base-station broker, another carrying
#    cloud's queue from the base-station broker to the cloud broker; every broker federates the heartbeat exchange
#    from the other two;
# 3. one 'edgecascade node --bypass-codec' per site, each connected to its own site's broker only;
# 4. 'cluster status' against each broker must see all three nodes up (heartbeats crossed the federation);
# 5. 'send' of N images to the camera broker; the cloud's deliveries.csv must hold ids 0..N-1 exactly once and every
#    edgecascade queue on every broker must end empty.
# Last line on stdout: "multisite: N/N delivered, D duplicates"; exit 0 only when all checks pass.
# Every node and broker it started is stopped by PID on exit (also on failure or Ctrl+C); the work directory is
# removed on success and kept (with broker and node logs) on failure.
#
# Environment: MULTISITE_COUNT (20), MULTISITE_PORT (5701: first AMQP port, then +1, +2), MULTISITE_EPMD_PORT
# (4381, then +1, +2), MULTISITE_KEEP=1 keeps the work directory, EDGECASCADE_SKIP_BUILD=1 uses the existing build.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
count=${MULTISITE_COUNT:-20}
port0=${MULTISITE_PORT:-5701}
epmd0=${MULTISITE_EPMD_PORT:-4381}
topology=two-stage
sites=(camera base-station cloud)          # node i of the chain runs at site i, against broker i
dll=Runtime/EdgeCascade.Cli/bin/Release/net10.0/edgecascade.dll
started=$SECONDS

log() { echo "multisite-demo: $*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')   # the 'edge' user's, on every broker of this run
uri() { echo "amqp://edge:$password@127.0.0.1:$((port0 + $1))/"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/edgecascade-multisite.XXXXXX")
chmod 755 "$work"                           # the brokers run as user rabbitmq when started as root
mkdir -p "$work/brokers" "$work/nodes"

# broker I ARGS...: scripts/rabbitmq.sh ARGS for site I's private broker.
broker() {
  local i=$1
  shift
  EDGECASCADE_RABBITMQ_DIR="$work/brokers/${sites[i]}" \
    EDGECASCADE_RABBITMQ_PORT=$((port0 + i)) \
    EDGECASCADE_RABBITMQ_EPMD_PORT=$((epmd0 + i)) \
    EDGECASCADE_RABBITMQ_NODE="edgecascade-${sites[i]}@localhost" \
    bash scripts/rabbitmq.sh "$@"
}

node_pids=()
start_jobs=()
brokers_launched=()
ok=0
cleanup() {
  set +e
  local pid i
  for pid in "${node_pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${node_pids[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null && log "node pid $pid did not stop within 15 s: killed"
    wait "$pid" 2>/dev/null
  done
  # A start still in progress would leave a broker behind: let it finish (bounded by rabbitmq.sh), then stop.
  for pid in "${start_jobs[@]}"; do wait "$pid" 2>/dev/null; done
  for i in "${brokers_launched[@]}"; do broker "$i" stop >/dev/null 2>&1; done
  if [ "$ok" = 1 ] && [ "${MULTISITE_KEEP:-0}" != 1 ]; then
    rm -rf "$work"
  else
    log "logs kept in $work (brokers/<site>/log, nodes/<node>.log)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for i in 0 1 2; do
  for p in $((port0 + i)) $((port0 + i + 20000)) $((epmd0 + i)); do
    port_open "$p" && fail "port 127.0.0.1:$p is in use; set MULTISITE_PORT / MULTISITE_EPMD_PORT"
  done
done

if [ "${EDGECASCADE_SKIP_BUILD:-0}" != 1 ]; then
  log "building the CLI"
  dotnet build -c Release Runtime/EdgeCascade.Cli -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "build"; }
fi
[ -f "$dll" ] || fail "$dll is missing (build the CLI)"

log "starting three brokers on ports $port0..$((port0 + 2)) with rabbitmq_shovel and rabbitmq_federation"
for i in 0 1 2; do
  mkdir -p "$work/brokers/${sites[i]}"
  echo "[rabbitmq_shovel,rabbitmq_federation]." >"$work/brokers/${sites[i]}/enabled_plugins"
  brokers_launched+=("$i")
  broker "$i" start >"$work/brokers/${sites[i]}.start" 2>&1 &
  start_jobs+=($!)
done
for j in 0 1 2; do
  wait "${start_jobs[j]}" || { cat "$work/brokers/${sites[j]}.start" >&2; fail "broker ${sites[j]} did not start"; }
done
start_jobs=()

# The README's per-broker commands, with 127.0.0.1:<port> in place of <site>.example:5672.
ctl() { local i=$1; shift; broker "$i" ctl -q "$@"; }
for i in 0 1 2; do
  ctl "$i" add_user edge "$password" >/dev/null
  ctl "$i" set_permissions -p / edge ".*" ".*" ".*" >/dev/null
done
for i in 0 1; do
  next=${sites[i + 1]}
  ctl "$i" set_parameter shovel "$topology-$next" \
    "{\"src-uri\":\"amqp://\",\"src-queue\":\"edgecascade.$topology.$next\",\"dest-uri\":\"amqp://edge:$password@127.0.0.1:$((port0 + i + 1))\",\"dest-queue\":\"edgecascade.$topology.$next\",\"ack-mode\":\"on-confirm\"}" \
    >/dev/null
done
for i in 0 1 2; do
  for j in 0 1 2; do
    [ "$i" = "$j" ] && continue
    ctl "$i" set_parameter federation-upstream "${sites[j]}" "{\"uri\":\"amqp://edge:$password@127.0.0.1:$((port0 + j))\"}" >/dev/null
  done
  ctl "$i" set_policy --apply-to exchanges heartbeats "^edgecascade\\.$topology\\.heartbeats\$" '{"federation-upstream-set":"all"}' >/dev/null
done
for i in 0 1; do
  deadline=$((SECONDS + 30))
  until [[ $(ctl "$i" shovel_status 2>/dev/null) == *running* ]]; do
    [ $SECONDS -lt $deadline ] || { ctl "$i" shovel_status >&2; fail "shovel on ${sites[i]} not running after 30 s"; }
    sleep 0.5
  done
done
log "shovels running: camera -> base-station, base-station -> cloud (ack-mode on-confirm)"

for i in 0 1 2; do
  n=${sites[i]}
  dotnet "$dll" node --topology "$topology" --name "$n" --broker "$(uri "$i")" --bypass-codec \
    --out "$work/nodes/out-$n" --ready-file "$work/nodes/$n.ready" >"$work/nodes/$n.log" 2>&1 &
  node_pids+=($!)
done
deadline=$((SECONDS + 90))
for i in 0 1 2; do
  until [ -f "$work/nodes/${sites[i]}.ready" ]; do
    kill -0 "${node_pids[i]}" 2>/dev/null || { tail -n 20 "$work/nodes/${sites[i]}.log" >&2; fail "node ${sites[i]} exited"; }
    [ $SECONDS -lt $deadline ] || fail "node ${sites[i]} not consuming after 90 s"
    sleep 0.5
  done
done
log "nodes consuming, each on its own site's broker (pids ${node_pids[*]})"

# Membership: heartbeats of the other two sites must reach each broker through the federated exchange.
for i in 0 1 2; do
  deadline=$((SECONDS + 30))
  while :; do
    status=$(dotnet "$dll" cluster status --topology "$topology" --broker "$(uri "$i")" --state-dir "$work/state" --json 2>/dev/null || true)
    up=$(sed -n 's/.*"up_count":\([0-9]*\).*/\1/p' <<<"$status")
    [ "${up:-0}" = 3 ] && break
    [ $SECONDS -lt $deadline ] || fail "cluster status at the ${sites[i]} broker sees ${up:-0}/3 nodes up: $status"
  done
  log "cluster status at the ${sites[i]} broker: 3/3 up"
done

send_started=$SECONDS
dotnet "$dll" send --topology "$topology" --images data/eval --count "$count" --broker "$(uri 0)" >&2 || fail "send"
csv="$work/nodes/out-cloud/deliveries.csv"
distinct() { [ -f "$csv" ] && tail -n +2 "$csv" | cut -d, -f1,2 | sort -u | wc -l || echo 0; }
deadline=$((SECONDS + 120))
until [ "$(distinct)" -ge "$count" ] || [ $SECONDS -ge $deadline ]; do sleep 0.5; done
log "cloud delivered $(distinct) image(s) $((SECONDS - send_started)) s after send; waiting 3 s for stragglers"
sleep 3

left=0
for i in 0 1 2; do
  q=$(ctl "$i" list_queues name messages messages_unacknowledged | awk -v p="edgecascade.$topology." \
    'index($1, p) == 1 { n += $2 + $3 } END { print n + 0 }')
  [ "$q" = 0 ] || log "the ${sites[i]} broker still holds $q message(s) in edgecascade queues"
  left=$((left + q))
done

# Graceful stop (SIGTERM) so that the nodes log their counters and link throughput.
for pid in "${node_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${node_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
node_pids=()
for n in "${sites[@]}"; do grep -h -E "^node $n: |link .*measured" "$work/nodes/$n.log" | sed 's/^.*\] //' >&2 || true; done

rows=0; delivered=0; stray=0
if [ -f "$csv" ]; then
  rows=$(tail -n +2 "$csv" | wc -l)
  delivered=$(tail -n +2 "$csv" | awk -F, -v n="$count" '$2 ~ /^[0-9]+$/ && $2 < n { print $1 "," $2 }' | sort -u | wc -l)
  stray=$(tail -n +2 "$csv" | awk -F, -v n="$count" '!($2 ~ /^[0-9]+$/ && $2 < n)' | wc -l)
fi
duplicates=$((rows - stray - delivered))
log "took $((SECONDS - started)) s"
echo "multisite: $delivered/$count delivered, $duplicates duplicates"
[ "$stray" = 0 ] || fail "$stray row(s) with unexpected image ids in $csv"
[ "$left" = 0 ] || fail "$left message(s) left in queues"
[ "$delivered" = "$count" ] && [ "$duplicates" = 0 ] || fail "not exactly once"
ok=1
