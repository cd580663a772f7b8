#!/usr/bin/env bash
# Start-up benchmark (not a test): how much later main() starts, and the wall time of a trivial
# application's JVM, with no agent, with an agent whose premain is empty, and with
# litestream-agent (restore off, one database on a file replica, the pinned Litestream binary);
# beside them, in the same interleaved loop, restore on start with 20 databases (present, missing
# with replicas, a first deploy with none) and 20 bare `litestream restore` runs one after another and 8 at a time.
# Also in that loop: the CLI's short commands (help, config, databases, version, --version, and status of a
# database a running agent replicates: that agent runs through the whole loop) against a JVM that runs an empty main(), and the Spring Boot example's start with no agent, an empty agent and litestream-agent.
# Every row also reports CPU time (user + sys), the figure a shared machine's load disturbs least.
# Then the operations benchmark (bench/src/Ops.java): replication lag, verify, crash to replacement,
# memory and a 100 MB restore, each beside its baseline. Then the observability benchmark
# (bench/src/Observe.java): verify in sync beside its floor, and the host's cost of the health
# endpoint and scheduled verification. Writes docs/benchmarks.md and prints it (about 21 minutes;
# the scale table is bench/scale.sh's).
#
#   bench/run.sh [RUNS]        RUNS per configuration, default 15
#   bench/run.sh observe       the observability section alone (OPS_RUNS, OBSERVE_MINUTES apply)
#   JAVA=/path/to/java bench/run.sh    another JDK (default: java on the PATH)
#   OPS_RUNS=0 bench/run.sh 5          the start-up part only (the operations and scale tables are left as they are)
#   PARTS=startup bench/run.sh 5       only the start-up, CLI and Spring Boot tables, into bench/target/startup.md
#   BEFORE_AGENT=old.jar bench/run.sh  adds rows for another build of the agent (e.g. an earlier commit's jar)
#                                      beside the current one, in the same interleaved loop
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
only=""
if [ "${1:-}" = "observe" ]; then only=observe; shift; fi
runs="${1:-15}"
parts="${PARTS:-all}"
java="${JAVA:-java}"
javac="$(dirname "$(command -v "$java")")/javac"
[ -x "$javac" ] || javac=javac
jar="$(dirname "$javac")/jar"
[ -x "$jar" ] || jar=jar

out="$root/bench/target"
agent="$root/agent/target/litestream-agent.jar"
bin="$root/.litestream/bin/litestream"

if [ ! -f "$agent" ]; then
  echo "== building the agent jar"
  (cd "$root" && ./mvnw -q -B -pl agent -am package -DskipTests)
fi
[ -x "$bin" ] || bash "$root/scripts/install-litestream.sh"

app="$root/examples/event-log/target/event-log.jar"
[ -f "$app" ] || (cd "$root" && ./mvnw -q -B -pl examples/event-log -am package -DskipTests)

echo "== compiling the trivial application, the empty agent and the drivers into bench/target"
rm -rf "$out" && mkdir -p "$out/classes" "$out/data"
"$javac" --release 11 -d "$out/classes" "$root"/bench/src/*.java
printf 'Premain-Class: EmptyAgent\n' > "$out/empty-agent.mf"
"$jar" --create --file "$out/empty-agent.jar" --manifest "$out/empty-agent.mf" -C "$out/classes" EmptyAgent.class
# Only in its jar: a copy in the class path directory is found first, and the baseline never opened a jar.
rm "$out/classes/EmptyAgent.class"

observe() {
  echo "== observability: verify beside its floor, the health endpoint's and scheduled verification's cost (about $((3 * ${OBSERVE_MINUTES:-3} + 2)) minutes)"
  rm -rf "$out/observe" && mkdir -p "$out/observe"
  "$java" -cp "$out/classes:$app" Observe "$(command -v "$java")" "$agent" "$app" "$bin" "$out/observe" "${OPS_RUNS:-9}" \
    "$root/docs/benchmarks.md" "${OBSERVE_MINUTES:-3}"
}
if [ "$only" = observe ]; then observe; exit 0; fi

# One database on a file replica; restore on start stays off (the agent's default).
cat > "$out/litestream.properties" <<PROPS
litestream.bin-path=$bin
litestream.dbs.bench.url=jdbc:sqlite:$out/data/bench.db
litestream.dbs.bench.replica.type=file
litestream.dbs.bench.replica.path=$out/data/replica
PROPS

with() { echo "-javaagent:$agent=config=$out/$1.properties"; }
cli="-Dlitestream.config-file=$out/litestream.properties -jar $agent"
startup=(
  "no agent="
  "empty agent=-javaagent:$out/empty-agent.jar"
  "litestream-agent=-javaagent:$agent=config=$out/litestream.properties"
  "cli:help=$cli help"
  "cli:config=$cli config"
  "cli:databases=$cli databases"
  "cli:version=$cli version"
  "cli:--version=$cli --version"
  "cli:status=-Dlitestream.config-file=$out/status.properties -jar $agent status"
)
# status reads what an operator's running agent writes: its own database (the start-up rows' agents must find
# bench.db's replicator lock free), created in WAL mode, replicated by an agent in an idle JVM until the end.
"$java" -cp "$out/classes:$app" Databases "$out/data/status" 1
printf 'litestream.bin-path=%s\nlitestream.dbs.status.path=%s\nlitestream.dbs.status.replica.type=file\nlitestream.dbs.status.replica.path=%s\n' \
  "$bin" "$out/data/status/db1.db" "$out/data/status-replica" > "$out/status.properties"
"$java" -javaagent:"$agent"=config="$out/status.properties" -cp "$out/classes" Trivial wait > "$out/status-agent.log" 2>&1 &
status_agent=$!
trap 'kill "$status_agent" 2>/dev/null || true' EXIT
for i in $(seq 1 60); do
  # RUNNING, not only exit 0: the lock alone (before the agent's first status file) is healthy too
  "$java" -Dlitestream.config-file="$out/status.properties" -jar "$agent" status 2>&1 | grep -q '^status  *RUNNING ' && break
  [ "$i" -lt 60 ] || { echo "bench: the status row's agent never reported RUNNING; see $out/status-agent.log" >&2; exit 1; }
  sleep 0.5
done
# The Spring Boot example's start: its database and file replica in bench/target/spring, emptied before each run.
spring_jar="$root/examples/spring-boot/target/spring-boot-example.jar"
[ -f "$spring_jar" ] || (cd "$root" && ./mvnw -q -B -pl examples/spring-boot -am package -DskipTests)
mkdir -p "$out/spring"
printf 'litestream.bin-path=%s\nlitestream.dbs.notes.path=%s\nlitestream.dbs.notes.replica.type=file\nlitestream.dbs.notes.replica.path=%s\n' \
  "$bin" "$out/spring/notes.db" "$out/spring/replica" > "$out/spring.properties"
spring="-jar $spring_jar --notes=0 --spring.datasource.url=jdbc:sqlite:$out/spring/notes.db"
startup+=(
  "spring:Spring Boot, no agent@$out/spring=$spring"
  "spring:Spring Boot, empty agent@$out/spring=-javaagent:$out/empty-agent.jar $spring"
  "spring:Spring Boot, litestream-agent@$out/spring=-javaagent:$agent=config=$out/spring.properties $spring"
)
if [ -n "${BEFORE_AGENT:-}" ]; then
  before="${BEFORE_LABEL:-$(basename "$BEFORE_AGENT" .jar)}"
  startup+=(
    "litestream-agent, $before=-javaagent:$BEFORE_AGENT=config=$out/litestream.properties"
    "spring:Spring Boot, litestream-agent, $before@$out/spring=-javaagent:$BEFORE_AGENT=config=$out/spring.properties $spring"
  )
fi
if [ "$parts" = startup ]; then
  echo "== $runs interleaved runs of the start-up and CLI configurations"
  "$java" -cp "$out/classes" Bench "$java" "$out/classes" "$runs" "$out/startup.md" "${startup[@]}"
  exit 0
fi

# Restore on start, 20 databases: NAME (its data/NAME and replica/NAME directories) with the agent's
# properties and the bare Litestream config of the same databases and replicas.
count=20
twenty() { # NAME RESTORE-ON-START
  local props="$out/$1.properties" yaml="$out/$1.yml"
  printf 'litestream.bin-path=%s\nlitestream.restore-on-start=%s\n' "$bin" "$2" > "$props"
  echo "dbs:" > "$yaml"
  for i in $(seq 1 $count); do
    printf 'litestream.dbs.db%s.path=%s\nlitestream.dbs.db%s.replica.type=file\nlitestream.dbs.db%s.replica.path=%s\n' \
      "$i" "$out/data/$1/db$i.db" "$i" "$i" "$out/replica/$1/db$i" >> "$props"
    printf '  - path: %s\n    replicas:\n      - type: file\n        path: %s\n' "$out/data/$1/db$i.db" "$out/replica/$1/db$i" >> "$yaml"
  done
}
bare() { # NAME: the agent's restore command for each database into data/serial; then run 1 and 8 at a time,
  # with Go's defaults and with the Go settings the agent gives its restores (RestoreEnvironment)
  for i in $(seq 1 $count); do
    echo "\"$bin\" restore -config \"$out/$1.yml\" -if-db-not-exists -if-replica-exists -o \"$out/data/serial/db$i.db\" \"$out/data/$1/db$i.db\""
  done > "$out/restore-$1.txt"
  for p in 1 8; do
    echo "xargs -P $p -d '\\n' -n 1 bash -c < \"$out/restore-$1.txt\"" > "$out/restore-$1-$p.sh"
    echo "GOGC=off GOMEMLIMIT=64MiB xargs -P $p -d '\\n' -n 1 bash -c < \"$out/restore-$1.txt\"" > "$out/restore-$1-$p-go.sh"
  done
}
twenty present false
cp "$out/present.properties" "$out/present-restore.properties"
sed -i 's/^litestream.restore-on-start=false/litestream.restore-on-start=true/' "$out/present-restore.properties"
twenty missing true
twenty first true
bare missing
bare first
for i in $(seq 1 $count); do echo "\"$bin\" version > /dev/null"; done > "$out/version.txt"
echo "xargs -P 1 -d '\\n' -n 1 bash -c < \"$out/version.txt\"" > "$out/version-1.sh"
mkdir -p "$out/data/first" "$out/data/serial"

echo "== $count databases, and their file replicas made by the real Litestream"
"$java" -cp "$out/classes:$app" Databases "$out/data/present" "$count"
"$java" -cp "$out/classes:$app" Databases "$out/data/missing" "$count"
# Syncs at its first 1 s tick and again when the exec child ends.
"$bin" replicate -config "$out/missing.yml" -exec "sleep 2" > "$out/replicate.log" 2>&1
for i in $(seq 1 $count); do
  [ -d "$out/replica/missing/db$i/generations" ] || { echo "bench: no replica of db$i; see $out/replicate.log" >&2; exit 1; }
done

echo "== $runs interleaved runs of each configuration (about 3 minutes)"
"$java" -cp "$out/classes" Bench "$java" "$out/classes" "$runs" "$root/docs/benchmarks.md" \
  "${startup[@]}" \
  "restore:agent, restore off, 20 present=$(with present)" \
  "restore:agent, restore on, 20 present=$(with present-restore)" \
  "restore:agent, restore on, 20 missing with replicas@$out/data/missing=$(with missing)" \
  "restore:agent, restore on, first deploy: 20 missing, no replica@$out/data/first=$(with first)" \
  "script:bare, 20 restores with replicas one after another@$out/data/serial=$out/restore-missing-1.sh" \
  "script:bare, 20 restores with replicas 8 at a time@$out/data/serial=$out/restore-missing-8.sh" \
  "script:bare, 20 restores with replicas one after another, the agent's Go settings@$out/data/serial=$out/restore-missing-1-go.sh" \
  "script:bare, 20 restores with replicas 8 at a time, the agent's Go settings@$out/data/serial=$out/restore-missing-8-go.sh" \
  "script:bare, 20 restores with no replica one after another@$out/data/serial=$out/restore-first-1.sh" \
  "script:bare, 20 restores with no replica 8 at a time@$out/data/serial=$out/restore-first-8.sh" \
  "script:bare, 20 \`litestream version\` one after another=$out/version-1.sh"

# The driver above keeps the operations and scale sections of the file: with OPS_RUNS=0 they stay as they are.
[ "${OPS_RUNS:-9}" != 0 ] || exit 0
echo "== operations: lag, verify, crash to replacement, memory, 100 MB restore (about 2 minutes)"
rm -rf "$out/ops" && mkdir -p "$out/ops"
"$java" -cp "$out/classes:$app" Ops "$(command -v "$java")" "$agent" "$app" "$bin" "$out/ops" "${OPS_RUNS:-9}" "$root/docs/benchmarks.md"
observe
