#!/usr/bin/env bash
# Start-up benchmark (not a test): how much later main() starts, and the wall time of a trivial
# application's JVM, with no agent, with an agent whose premain is empty, and with
# litestream-agent (restore off, one database on a file replica, the pinned Litestream binary).
# Then the operations benchmark (bench/src/Ops.java): replication lag, verify, crash to replacement,
# memory and a 100 MB restore, each beside its baseline. Writes docs/benchmarks.md and prints it (about 3 minutes).
#
#   bench/run.sh [RUNS]        RUNS per configuration, default 15
#   JAVA=/path/to/java bench/run.sh    another JDK (default: java on the PATH)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-15}"
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

echo "== compiling the trivial application, the empty agent and the driver into bench/target"
rm -rf "$out" && mkdir -p "$out/classes" "$out/data"
"$javac" --release 11 -d "$out/classes" "$root"/bench/src/*.java
printf 'Premain-Class: EmptyAgent\n' > "$out/empty-agent.mf"
"$jar" --create --file "$out/empty-agent.jar" --manifest "$out/empty-agent.mf" -C "$out/classes" EmptyAgent.class

# One database on a file replica; restore on start stays off (the agent's default).
cat > "$out/litestream.properties" <<PROPS
litestream.bin-path=$bin
litestream.dbs.bench.url=jdbc:sqlite:$out/data/bench.db
litestream.dbs.bench.replica.type=file
litestream.dbs.bench.replica.path=$out/data/replica
PROPS

echo "== $runs interleaved runs of each configuration"
"$java" -cp "$out/classes" Bench "$java" "$out/classes" "$runs" "$root/docs/benchmarks.md" \
  "no agent=" \
  "empty agent=-javaagent:$out/empty-agent.jar" \
  "litestream-agent=-javaagent:$agent=config=$out/litestream.properties"

echo "== operations: lag, verify, crash to replacement, memory, 100 MB restore (about 2 minutes)"
rm -rf "$out/ops" && mkdir -p "$out/ops"
app="$root/examples/event-log/target/event-log.jar"
[ -f "$app" ] || (cd "$root" && ./mvnw -q -B -pl examples/event-log -am package -DskipTests)
"$java" -cp "$out/classes:$app" Ops "$(command -v "$java")" "$agent" "$app" "$bin" "$out/ops" "${OPS_RUNS:-9}" "$root/docs/benchmarks.md"
