# Shared functions of deploy/local/cluster.sh and deploy/local/chaos.sh: a 3-node KRaft cluster, a schema registry
# and N o2c-pulse instances as separate processes on loopback, every process tracked by PID, everything of a run under
# one folder. Brokers and instances run from the product's fat jar; the registry and the chaos drivers from the
# chaos kit, test tooling that Maven packages beside it and that runs on the product jar's classes. Source it; set
# RUN (the run folder) first.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/streams-app/target/o2c-pulse.jar"
KIT="$ROOT/streams-app/target/o2c-pulse-chaos-kit.jar"
BROKERS=3
TOOL_JVM=(-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

declare -a BROKER_PORT CONTROLLER_PORT BROKER_PID HTTP_PORT INSTANCE_PID
REGISTRY_PID=""
PRODUCER_PID=""
USED_PORTS=" "

say() { echo "$(date +%H:%M:%S) $*"; }
now_ms() { date +%s%3N; }

ensure_jar() {
  if [ ! -f "$JAR" ] || [ ! -f "$KIT" ]; then
    say "building $JAR and $KIT"
    (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
  fi
}

# A loopback port nobody listens on and this run has not handed out yet, below the kernel's ephemeral range: a
# restarted broker or instance binds its port again, and an outgoing connection may hold an ephemeral one by then.
EPHEMERAL_LOW=32768
[ -r /proc/sys/net/ipv4/ip_local_port_range ] && read -r EPHEMERAL_LOW _ < /proc/sys/net/ipv4/ip_local_port_range
[ "$EPHEMERAL_LOW" -gt 12000 ] || EPHEMERAL_LOW=32768
free_port() {
  local port
  while true; do
    port=$((10000 + RANDOM % (EPHEMERAL_LOW - 10000)))
    case "$USED_PORTS" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      USED_PORTS="$USED_PORTS$port "
      echo "$port"
      return
    fi
  done
}

await_port() { # port seconds what
  local deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then say "error: $3 not listening on port $1 after $2 s"; return 1; fi
    sleep 0.2
  done
}

tool() { java "${TOOL_JVM[@]}" -jar "$KIT" "$@"; }

bootstrap_servers() {
  local servers="" i
  for i in $(seq 1 $BROKERS); do servers="${servers:+$servers,}127.0.0.1:${BROKER_PORT[$i]}"; done
  echo "$servers"
}

# Writes and formats the three nodes' configuration (combined broker + controller, static quorum).
configure_cluster() {
  local i voters="" cluster_id
  for i in $(seq 1 $BROKERS); do
    BROKER_PORT[$i]=$(free_port)
    CONTROLLER_PORT[$i]=$(free_port)
    voters="${voters:+$voters,}$i@127.0.0.1:${CONTROLLER_PORT[$i]}"
  done
  cluster_id=$(java "${TOOL_JVM[@]}" -cp "$JAR" kafka.tools.StorageTool random-uuid)
  for i in $(seq 1 $BROKERS); do
    mkdir -p "$RUN/broker-$i"
    cat > "$RUN/broker-$i/server.properties" <<PROPS
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:${BROKER_PORT[$i]},CONTROLLER://127.0.0.1:${CONTROLLER_PORT[$i]}
advertised.listeners=PLAINTEXT://127.0.0.1:${BROKER_PORT[$i]}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$RUN/broker-$i/data
# Production durability: every topic (the application's internal ones included) on all three nodes, writes
# acknowledged by at least two.
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
unclean.leader.election.enable=false
auto.create.topics.enable=false
num.partitions=6
group.initial.rebalance.delay.ms=0
# The simulated stream is dated up to two days back: keep it well inside retention.
log.retention.hours=720
# The log cleaner's 128 MiB default buffer is most of a small broker's heap.
log.cleaner.dedupe.buffer.size=4194304
PROPS
    java "${TOOL_JVM[@]}" -cp "$JAR" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$RUN/broker-$i/server.properties" > "$RUN/broker-$i/format.log" 2>&1 &
  done
  wait
}

start_broker() { # node
  java -Xms128m -Xmx384m -Dlogback.configurationFile="$ROOT/deploy/local/broker-logback.xml" -cp "$JAR" kafka.Kafka "$RUN/broker-$1/server.properties" >> "$RUN/broker-$1/broker.log" 2>&1 &
  BROKER_PID[$1]=$!
  echo "${BROKER_PID[$1]}" > "$RUN/broker-$1/pid"
}

start_registry() {
  REGISTRY_PORT=$(free_port)
  java -Xmx128m -XX:+UseSerialGC -jar "$KIT" registry --port "$REGISTRY_PORT" --data-dir "$RUN/registry" > "$RUN/registry.log" 2>&1 &
  REGISTRY_PID=$!
  echo "$REGISTRY_PID" > "$RUN/registry.pid"
  REGISTRY_URL="http://127.0.0.1:$REGISTRY_PORT"
  await_port "$REGISTRY_PORT" 60 "schema registry"
}

# An o2c-pulse instance in production mode against the cluster; the first one creates the topics.
start_instance() { # index
  local i=$1 create=()
  [ "$i" = 1 ] && create=(--create-topics)
  [ -n "${HTTP_PORT[$i]:-}" ] || HTTP_PORT[$i]=$(free_port)
  mkdir -p "$RUN/instance-$i"
  env O2C_BOOTSTRAP_SERVERS="$(bootstrap_servers)" \
      O2C_SCHEMA_REGISTRY_URL="$REGISTRY_URL" \
      O2C_HTTP_PORT="${HTTP_PORT[$i]}" \
      O2C_ADVERTISED_HOST=127.0.0.1 \
      O2C_HTTP_BIND_ADDRESS=127.0.0.1 \
      O2C_DATA_DIR="$RUN/instance-$i" \
      O2C_STATE_DIR="$RUN/instance-$i/state" \
      O2C_TOPIC_REPLICATION_FACTOR=3 \
      O2C_PROCESSING_GUARANTEE="$MODE" \
      O2C_ROCKSDB_MEMORY_MB=16 \
      KAFKA_NUM_STANDBY_REPLICAS=1 \
      KAFKA_MAX_POLL_INTERVAL_MS="$MAX_POLL_MS" \
      KAFKA_SESSION_TIMEOUT_MS=6000 \
      KAFKA_HEARTBEAT_INTERVAL_MS=1500 \
      java -Xmx512m -jar "$JAR" run "${create[@]}" >> "$RUN/instance-$i/instance.log" 2>&1 &
  INSTANCE_PID[$i]=$!
  echo "${INSTANCE_PID[$i]}" > "$RUN/instance-$i/pid"
}

instance_ports() {
  local ports="" i
  for i in $(seq 1 "$INSTANCES"); do ports="${ports:+$ports,}${HTTP_PORT[$i]}"; done
  echo "$ports"
}

start_cluster() {
  say "cluster: formatting $BROKERS KRaft nodes in $RUN"
  configure_cluster
  local i
  for i in $(seq 1 $BROKERS); do start_broker "$i"; done
  start_registry
  tool chaos await-brokers --bootstrap-servers "$(bootstrap_servers)" --count $BROKERS --timeout 120 | sed 's/^chaos: /cluster: /'
  say "cluster: brokers $(bootstrap_servers) (pids ${BROKER_PID[*]}), registry $REGISTRY_URL (pid $REGISTRY_PID)"
  start_instance 1
  tool chaos await-ready --ports "${HTTP_PORT[1]}" --timeout 180 > /dev/null
  for i in $(seq 2 "$INSTANCES"); do start_instance "$i"; done
  tool chaos await-ready --ports "$(instance_ports)" --timeout 180 > /dev/null
  say "cluster: $INSTANCES o2c-pulse instances ($MODE) ready on HTTP ports $(instance_ports) (pids ${INSTANCE_PID[*]})"
}

# A process is alive until it exits; a zombie (exited, not yet reaped) is not.
alive() {
  local state
  [ -r "/proc/$1/stat" ] && read -r _ _ state _ < "/proc/$1/stat" 2>/dev/null && [ "$state" != Z ]
}

# Asks processes this shell started to stop (SIGTERM, after SIGCONT in case one is stopped), waits for them,
# and SIGKILLs whatever outlives the grace period.
stop_pids() { # grace-seconds pid...
  local grace=$1 pid deadline
  shift
  deadline=$((SECONDS + grace))
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    kill -CONT "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    while alive "$pid"; do
      if [ $SECONDS -ge $deadline ]; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
      sleep 0.2
    done
    wait "$pid" 2>/dev/null || true
  done
}

# Stops every process of the run, by PID: producer, instances, registry, brokers.
stop_all() {
  stop_pids 60 "$PRODUCER_PID"
  PRODUCER_PID=""
  stop_pids 40 "${INSTANCE_PID[@]}"
  INSTANCE_PID=()
  stop_pids 10 "$REGISTRY_PID"
  REGISTRY_PID=""
  stop_pids 40 "${BROKER_PID[@]}"
  BROKER_PID=()
}
