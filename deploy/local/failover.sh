#!/usr/bin/env bash
# What readers see while instances fail: the local cluster (3 KRaft brokers, a registry, 3 o2c-pulse instances with
# one standby replica) under a live simulated stream, and a probe asking every instance for a KPI list every 500 ms
# (chaos readers). Two faults, each measured on its own: kill -9 of one instance (restarted after the window), then a
# rolling restart (SIGTERM, start again, wait for ready; instance after instance). For each it prints the longest
# time in which no instance answered, and how stale the keys that were changing before it became.
#
#   deploy/local/failover.sh [--rate ORDERS_PER_SECOND] [--window SECONDS]
set -euo pipefail

INSTANCES=3
MODE=exactly_once_v2
MAX_POLL_MS=10000
RATE=20
WINDOW=60
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "failover: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUN="$ROOT/deploy/local/runs/$(date +%Y%m%d-%H%M%S)-failover"
mkdir -p "$RUN"
trap 'say "failover: stopping"; stop_pids 60 "${SIM_PID:-}"; stop_all' EXIT
trap 'exit 0' INT TERM

ensure_jar
start_cluster
java -jar "$JAR" simulate --live --rate "$RATE" --bootstrap-servers "$(bootstrap_servers)" \
  --schema-registry-url "$REGISTRY_URL" > "$RUN/simulator.log" 2>&1 &
SIM_PID=$!
say "failover: live stream at $RATE orders/s (pid $SIM_PID); letting KPIs flow for 30 s"
sleep 30

probe() { # label seconds fault-file
  tool chaos readers --ports "$(instance_ports)" --seconds "$2" --fault-file "$3" --label "$1" > "$RUN/readers-$1.log" 2>&1 &
  PROBE_PID=$!
}

say "failover: kill -9 of instance 2 in ${WINDOW}s of probing"
probe kill-9 $((WINDOW + 20)) "$RUN/kill-9.at"
sleep 20
now_ms > "$RUN/kill-9.at"
kill -KILL "${INSTANCE_PID[2]}"
wait "$PROBE_PID" || true
cat "$RUN/readers-kill-9.log"
start_instance 2
tool chaos await-ready --ports "$(instance_ports)" --timeout 180 > /dev/null

say "failover: rolling restart of the $INSTANCES instances"
probe rolling-restart $((20 + INSTANCES * 40)) "$RUN/rolling-restart.at"
sleep 20
now_ms > "$RUN/rolling-restart.at"
for i in $(seq 1 "$INSTANCES"); do
  stop_pids 60 "${INSTANCE_PID[$i]}"
  start_instance "$i"
  tool chaos await-ready --ports "${HTTP_PORT[$i]}" --timeout 180 > /dev/null
  say "failover: instance $i restarted and ready"
done
wait "$PROBE_PID" || true
cat "$RUN/readers-rolling-restart.log"
