#!/usr/bin/env bash
# The build's closing summary (the build is quiet: see .mvn/jvm.config). `start` marks the start of
# a build; `report` totals the test reports written since then, per module and kind.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
marker="$root/target/test-summary.start"

if [[ "${1:-}" == start ]]; then
  mkdir -p "$root/target" && : > "$marker"
  exit 0
fi

# Sums the counts of <testsuite tests= failures= errors= skipped=> in the given report files.
totals() {
  awk '/<testsuite / {
         for (i = 1; i <= NF; i++) if (split($i, kv, "=") == 2) { gsub(/[">]/, "", kv[2]); n[kv[1]] += kv[2] }
         exit
       }
       END { printf "%d %d %d\n", n["tests"], n["failures"] + n["errors"], n["skipped"] }' "$@"
}

ran=0 failures=0 skips=0 lines=()
for reports in "$root"/*/target/surefire-reports "$root"/*/target/failsafe-reports "$root"/examples/*/target/surefire-reports; do
  [[ -d "$reports" && -e "$marker" ]] || continue
  files=()
  while IFS= read -r f; do files+=("$f"); done < <(find "$reports" -maxdepth 1 -name 'TEST-*.xml' -newer "$marker")
  ((${#files[@]})) || continue
  tests=0 failed=0 skipped=0
  for f in "${files[@]}"; do
    read -r t fl s < <(totals "$f")
    tests=$((tests + t)) failed=$((failed + fl)) skipped=$((skipped + s))
  done
  module="${reports#"$root"/}"; module="${module%%/target/*}"
  kind=$([[ "$reports" == *failsafe* ]] && echo end-to-end || echo unit)
  lines+=("$(printf '  %-16s %-10s %5d tests in %3d classes, %d failed, %d skipped' "$module" "$kind" "$tests" \
    "${#files[@]}" "$failed" "$skipped")")
  ran=$((ran + tests)) failures=$((failures + failed)) skips=$((skips + skipped))
done
((ran)) || exit 0
echo "Tests of this build (what they and their child processes printed: <module>/target/*-reports/*-output.txt):"
printf '%s\n' "${lines[@]}"
echo "tests: $((ran - failures - skips)) passed, $failures failed, $skips skipped"
