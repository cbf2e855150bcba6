#!/usr/bin/env bash
# A private RabbitMQ broker for tests and benchmarks, without systemd.
#
#   scripts/rabbitmq.sh start    install rabbitmq-server if missing, start it on 127.0.0.1 only,
#                                wait until it accepts AMQP connections, print "pid=<PID> uri=<URI>"
#   scripts/rabbitmq.sh stop     stop the broker by PID and kill the epmd this script started
#   scripts/rabbitmq.sh status   print "running pid=<PID> uri=<URI>" or "stopped" (exit 1)
#   scripts/rabbitmq.sh ctl ARGS rabbitmqctl ARGS against this broker (e.g. ctl shovel_status)
#
# Everything it writes lives under $EDGECASCADE_RABBITMQ_DIR (default /tmp/edgecascade-rabbitmq):
# Mnesia database, logs, PID files. It uses its own node name, its own epmd port and distribution
# port so it never clashes with a system broker. Plugins: $EDGECASCADE_RABBITMQ_DIR/enabled_plugins is kept
# across restarts ("[]." when missing), so write e.g. "[rabbitmq_shovel,rabbitmq_federation]." there before the
# first start. Settings (environment):
#   EDGECASCADE_RABBITMQ_DIR        state directory
#   EDGECASCADE_RABBITMQ_PORT       AMQP port (default 5672)
#   EDGECASCADE_RABBITMQ_EPMD_PORT  epmd port (default 4371)
#   EDGECASCADE_RABBITMQ_NODE       Erlang node name (default edgecascade@localhost)
set -euo pipefail

state_dir=${EDGECASCADE_RABBITMQ_DIR:-${TMPDIR:-/tmp}/edgecascade-rabbitmq}
amqp_port=${EDGECASCADE_RABBITMQ_PORT:-5672}
epmd_port=${EDGECASCADE_RABBITMQ_EPMD_PORT:-4371}
node_name=${EDGECASCADE_RABBITMQ_NODE:-edgecascade@localhost}
uri="amqp://guest:guest@127.0.0.1:${amqp_port}/"
pid_file="$state_dir/rabbitmq.pid"
epmd_pid_file="$state_dir/epmd.pid"

log() { echo "rabbitmq.sh: $*" >&2; }

broker_env() {
  export RABBITMQ_NODENAME="$node_name"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$amqp_port"
  export RABBITMQ_DIST_PORT=$((amqp_port + 20000))
  export RABBITMQ_MNESIA_BASE="$state_dir/mnesia"
  export RABBITMQ_LOG_BASE="$state_dir/log"
  export RABBITMQ_PID_FILE="$pid_file"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$state_dir/enabled_plugins"
  export RABBITMQ_CONFIG_FILE="$state_dir/rabbitmq"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export ERL_EPMD_PORT="$epmd_port"
  # Bind the Erlang distribution listener to loopback too (AMQP is bound by NODE_IP_ADDRESS).
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

is_running() {
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

install_if_missing() {
  if command -v rabbitmq-server >/dev/null 2>&1; then
    return
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "rabbitmq-server is not installed and apt-get is unavailable; install it by hand"
    exit 1
  fi
  log "installing rabbitmq-server (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null
}

start() {
  if is_running; then
    echo "pid=$(cat "$pid_file") uri=$uri"
    return
  fi
  install_if_missing
  mkdir -p "$state_dir/mnesia" "$state_dir/log"
  # Keep the plugins enabled before (a restart must not silently drop shovel/federation); none by default.
  [ -s "$state_dir/enabled_plugins" ] || echo "[]." >"$state_dir/enabled_plugins"
  # Generous memory/disk thresholds: the benchmark pushes ~100 MB through durable queues.
  printf 'loopback_users.guest = true\ndisk_free_limit.absolute = 200MB\n' >"$state_dir/rabbitmq.conf"
  if port_open "$amqp_port"; then
    log "port 127.0.0.1:$amqp_port is already taken by another process; set EDGECASCADE_RABBITMQ_PORT"
    exit 1
  fi
  broker_env
  # The Debian wrappers drop to the rabbitmq user when run as root: give it the state directory.
  if [ "$(id -u)" -eq 0 ] && id rabbitmq >/dev/null 2>&1; then
    chown -R rabbitmq:rabbitmq "$state_dir"
  fi

  # Start our own epmd on a private port so that stopping it cannot hurt anyone else's.
  if ! port_open "$epmd_port"; then
    epmd -address 127.0.0.1 -port "$epmd_port" -daemon
    for _ in $(seq 1 20); do port_open "$epmd_port" && break; sleep 0.1; done
    pgrep -f -x "epmd -address 127.0.0.1 -port $epmd_port -daemon" | head -n 1 >"$epmd_pid_file" || true
  fi

  rabbitmq-server -detached >"$state_dir/log/start.out" 2>&1 || true
  local deadline=$((SECONDS + 120))
  until [ -s "$pid_file" ] && port_open "$amqp_port" && rabbitmqctl -n "$node_name" -q status >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      log "broker did not become ready within 120 s; see $state_dir/log"
      exit 1
    fi
    sleep 0.5
  done
  echo "pid=$(cat "$pid_file") uri=$uri"
}

stop() {
  broker_env
  if is_running; then
    local pid
    pid=$(cat "$pid_file")
    rabbitmqctl -n "$node_name" -q stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    log "stopped broker pid $pid"
  else
    log "broker not running"
  fi
  rm -f "$pid_file"
  if [ -s "$epmd_pid_file" ]; then
    local epid
    epid=$(cat "$epmd_pid_file")
    kill "$epid" 2>/dev/null && log "stopped epmd pid $epid" || true
    rm -f "$epmd_pid_file"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if is_running; then echo "running pid=$(cat "$pid_file") uri=$uri"; else echo "stopped"; exit 1; fi ;;
  ctl)
    shift
    broker_env
    exec rabbitmqctl -n "$node_name" "$@" ;;
  *) echo "usage: $0 start|stop|status|ctl ARGS" >&2; exit 2 ;;
esac
