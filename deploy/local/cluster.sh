#!/usr/bin/env bash
# A local production-like cluster on loopback: 3 KRaft nodes (combined broker + controller), a schema registry and
# N o2c-pulse instances in production mode, each a separate process started from the project's own fat jar
# (replication factor 3, min.insync.replicas=2, one standby replica). Runs until Ctrl-C, then stops every process
# by PID. Data and logs of the run are under deploy/local/runs/<timestamp>/.
#
#   deploy/local/cluster.sh [--instances N] [--mode exactly_once_v2|at_least_once]
set -euo pipefail

INSTANCES=3
MODE=exactly_once_v2
MAX_POLL_MS=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) INSTANCES=$2; shift 2 ;;
    --mode) MODE=$2; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
RUN="$ROOT/deploy/local/runs/$(date +%Y%m%d-%H%M%S)-cluster"
mkdir -p "$RUN"
trap 'say "cluster: stopping"; stop_all' EXIT
trap 'exit 0' INT TERM

ensure_jar
start_cluster
say "cluster: up. Produce with: java -jar $JAR simulate --live --bootstrap-servers $(bootstrap_servers) --schema-registry-url $REGISTRY_URL"
say "cluster: dashboard http://localhost:${HTTP_PORT[1]}/ ; Ctrl-C stops everything"
while true; do sleep 1; done
