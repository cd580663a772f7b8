#!/usr/bin/env bash
# Prints the graceful-stop figures (agent/target/stop-results.tsv, one line per stop, written by
# GracefulStopIT) as a Markdown table: per scenario and replica, stops, rows ACKed, rows missing
# from the restore, stops that lost rows, stops that left a Litestream behind.
#
#   bench/stop-table.sh [results.tsv]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="${1:-$root/agent/target/stop-results.tsv}"
[ -s "$results" ] || { echo "stop-table.sh: no results in $results" >&2; exit 1; }
echo "| scenario | app | replica | JDK | stops | rows ACKed | rows missing | stops losing rows | stops leaving Litestream |"
echo "|---|---|---|---|---|---|---|---|---|"
awk -F'\t' 'NR > 1 {
    key = $1 "\t" $2 "\t" $5 "\t" $12
    if (!(key in runs)) order[++n] = key
    runs[key] += $6; acked[key] += $7; missing[key] += $8; losing[key] += $9; leaving[key] += $10
  }
  END {
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, f, "\t")
      printf "| %s | %s | %s | %s | %d | %d | %d | %d | %d |\n", f[1], f[2], f[3], f[4], runs[k], acked[k], missing[k], losing[k], leaving[k]
    }
  }' "$results"
