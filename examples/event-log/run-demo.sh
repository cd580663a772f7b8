#!/usr/bin/env bash
# The demo: build, install the pinned Litestream, run the event-log application under the
# agent (replicating to a file replica in examples/event-log/data/replica), then restore the
# database from the replica into a new file and show its rows.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

echo "== building the agent and the example (first run: Maven downloads dependencies)"
# Maven's log goes to a file, shown only when the build fails (some Maven builds print stray
# terminal escape codes even in batch mode).
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
if ! ./mvnw -q -B -DskipTests package >"$build_log" 2>&1; then
  cat "$build_log" >&2
  exit 1
fi

agent="$root/agent/target/litestream-agent.jar"
# The binary the project pins; on your own machine the agent finds Litestream by itself.
bin="$root/.litestream/bin/litestream"

cd "$root/examples/event-log"
echo "== running the application under the agent: java -javaagent:$agent -jar target/event-log.jar"
java -Dlitestream.bin-path="$bin" -javaagent:"$agent" -jar target/event-log.jar --events 20 --interval-ms 50

restored="data/restored-$(date +%Y%m%d-%H%M%S).db"
echo "== restoring the database from its replica into $restored"
java -Dlitestream.bin-path="$bin" -jar "$agent" restore -o "$restored" events

echo "== the restored database"
java -jar target/event-log.jar --show "$restored" | tail -n 5
