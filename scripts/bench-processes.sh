#!/usr/bin/env bash
# Transport overhead with real node processes (opt-in; `edgecascade bench transport` is the in-process version).
#
#   scripts/bench-processes.sh [HOPS] [COUNT] [ROUNDS]
#
# HOPS 2 (default): send -> camera -> cloud, the same shape as bench transport's source -> relay -> sink.
# HOPS 3:           send -> camera -> relay -> cloud.
# Each node is its own `edgecascade node --bypass-codec` process (started by `cluster up`), links are too fast to be
# shaped, the payload is one 16.2 KB PNG. A round times COUNT images (default 5000) from launching `send` (its
# start-up included) until the sink's deliveries.csv holds them all; afterwards `bench transport --json` measures raw
# Akka.Remote Tell with an ack window. Prints one line per round and the ratio of the median.
# The nodes are Akka.Cluster members on 127.0.0.1 at a random base port; stops the node processes it started on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
hops=${1:-2}
count=${2:-5000}
rounds=${3:-3}
[[ "$hops" =~ ^[23]$ ]] || { echo "bench-processes: HOPS must be 2 or 3, got '$hops'" >&2; exit 2; }
dll=Runtime/EdgeCascade.Cli/bin/Release/net10.0/edgecascade.dll
[ -f "$dll" ] || dotnet build -c Release Runtime/EdgeCascade.Cli -v q >&2
cli() { dotnet "$dll" "$@"; }
work=$(mktemp -d)
topology=bench-processes-$$
state=$work/state
cleanup() { cli cluster down --topology "$topology" --state-dir "$state" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/img"
/usr/bin/python3 -c "
import numpy as np; from PIL import Image
Image.fromarray(np.random.RandomState(1).randint(0, 256, (74, 74, 3), dtype=np.uint8)).save('$work/img/a.png')"
if [ "$hops" = 2 ]; then
  nodes='camera { gpu = camera-soc, queue-capacity = 256 }
        cloud { gpu = a100, queue-capacity = 256 }'
  links='{ from = camera, to = cloud, bandwidth = 100 Gbps, latency = 0 ms }'
  target=5
else
  nodes='camera { gpu = camera-soc, queue-capacity = 256 }
        relay { gpu = jetson-agx-orin, queue-capacity = 256 }
        cloud { gpu = a100, queue-capacity = 256 }'
  links='{ from = camera, to = relay, bandwidth = 100 Gbps, latency = 0 ms }
        { from = relay, to = cloud, bandwidth = 100 Gbps, latency = 0 ms }'
  target=4
fi
cat > "$work/bench.hocon" <<HOCON
edgecascade.topologies.$topology {
  description = "bench-processes: $hops hops, links too fast to shape"
  nodes {
        $nodes
  }
  links = [
        $links
  ]
  flows { camera-to-cloud { source = camera, destination = cloud, source-level = 6, target-level = $target, deadline = 500 ms } }
}
HOCON
common=(--topology "$topology" --file "$work/bench.hocon")
base_port=$((20000 + RANDOM % 20000))
cli cluster up "${common[@]}" --bypass-codec --state-dir "$state" --base-port "$base_port" >&2
common+=(--seed-nodes "127.0.0.1:$base_port")
csv=$state/$topology/out/cloud/deliveries.csv
cli send "${common[@]}" --images "$work/img" --count 300 --first-id 0 >/dev/null   # warm-up
until [ -f "$csv" ] && [ "$(wc -l < "$csv")" -gt 300 ]; do sleep 0.1; done
rates=()
for round in $(seq 1 "$rounds"); do
  before=$(wc -l < "$csv")
  t0=$(date +%s.%N)
  cli send "${common[@]}" --images "$work/img" --count "$count" --first-id $((round * 1000000)) >/dev/null
  deadline=$((SECONDS + 300))
  while [ "$(wc -l < "$csv")" -lt $((before + count)) ]; do
    [ $SECONDS -lt $deadline ] || { echo "bench-processes: round $round did not finish in 300 s" >&2; exit 1; }
    sleep 0.05
  done
  rate=$(/usr/bin/python3 -c "import sys; print('%.1f' % ($count / ($(date +%s.%N) - $t0)))")
  rates+=("$rate")
  echo "round $round: $count x 16.2 KB through $hops hops of node processes: $rate msg/s" >&2
done
raw=$(cli bench transport --json | /usr/bin/python3 -c "import json, sys; print(json.load(sys.stdin)['raw_messages_per_second'])")
/usr/bin/python3 - "$raw" "${rates[@]}" <<'PY'
import statistics, sys
raw, rates = float(sys.argv[1]), [float(r) for r in sys.argv[2:]]
median = statistics.median(rates)
print("processes %.1f msg/s (median of %s), raw %.1f msg/s, ratio %.3f" % (median, ", ".join("%.0f" % r for r in rates), raw, median / raw))
PY
