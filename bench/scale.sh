#!/usr/bin/env bash
# Scale benchmark (not a test): one agent replicating 1, 20 and 100 databases, each written at a modest
# rate by the host application; the agent's start-up delay, the time until the host created every database
# and until Litestream has every one open (and how many Litestream launches that took), replication lag
# (median, p95) and one restore's time, Litestream's RSS, the host's heap and RSS, the agent's threads.
# Replaces the "Scale benchmark" section of docs/benchmarks.md and prints it (about 3 minutes).
#
#   bench/scale.sh [COUNT...]          database counts, default 1 20 100
#   RATE=5 SAMPLES=12 bench/scale.sh   commits a second per database, lag samples per count
#   JAVA=/path/to/java bench/scale.sh  another JDK (default: java on the PATH)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java="${JAVA:-java}"
javac="$(dirname "$(command -v "$java")")/javac"
[ -x "$javac" ] || javac=javac
jar="$(dirname "$javac")/jar"
[ -x "$jar" ] || jar=jar
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 20 100)

out="$root/bench/target/scale"
agent="$root/agent/target/litestream-agent.jar"
bin="$root/.litestream/bin/litestream"
app="$root/examples/event-log/target/event-log.jar"
[ -f "$agent" ] || (cd "$root" && ./mvnw -q -B -pl agent -am package -DskipTests)
[ -x "$bin" ] || bash "$root/scripts/install-litestream.sh"
[ -f "$app" ] || (cd "$root" && ./mvnw -q -B -pl examples/event-log -am package -DskipTests)

echo "== compiling the host application, the empty agent and the driver into bench/target/scale"
rm -rf "$out" && mkdir -p "$out/classes"
"$javac" --release 11 -d "$out/classes" "$root"/bench/src/*.java
printf 'Premain-Class: EmptyAgent\n' > "$out/empty-agent.mf"
"$jar" --create --file "$out/empty-agent.jar" --manifest "$out/empty-agent.mf" -C "$out/classes" EmptyAgent.class
# Only in its jar: a copy in the class path directory is found first, and the baseline never opened a jar.
rm "$out/classes/EmptyAgent.class"

# The event-log example's jar carries sqlite-jdbc, which the writers and the driver use.
"$java" -cp "$out/classes:$app" Scale "$(command -v "$java")" "$agent" "$out/empty-agent.jar" "$out/classes:$app" "$bin" \
  "$out/work" "${RATE:-5}" "${SAMPLES:-12}" "$root/docs/benchmarks.md" "${counts[@]}"
