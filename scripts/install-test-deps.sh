#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only those missing (a no-op when all are there).
# Used by .ci/run and by `npm test` (scripts/test.mjs) before the layers that start real programs.
# Needs root on Debian 12; elsewhere it lists what is missing and exits 1.
set -euo pipefail

# One package a line, with why. Add yours here.
APT_PACKAGES=(
  openssh-server   # integration: a private sshd on loopback (authorized_keys, triggers, remote tails)
  openssh-client   # integration: ssh, ssh-keygen
  rsync            # integration: the real rsync daemon (rsyncd.conf, secrets differential tests)
  ftpsync          # integration: Debian's ftpsync/runmirrors as the reference
  neovim           # interop: Neovim's built-in LSP client
  chromium         # e2e: the browser that drives code-server
  fonts-dejavu-core # e2e: readable screenshots without recommends
  pngquant         # e2e: README pictures as palette PNGs (npm run screenshots)
  ripgrep          # e2e: replaces @vscode/ripgrep's GitHub download when installing code-server
  build-essential  # e2e: code-server's native modules (node-pty, spdlog, kerberos…)
  pkg-config       # e2e: same
  libkrb5-dev      # e2e: kerberos module of code-server
  python3          # e2e: node-gyp
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "install-test-deps: missing Debian packages (install them as root): ${missing[*]}" >&2
    exit 1
  fi
  echo "install-test-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# sshd refuses to start without its privilege-separation directory.
if [[ $(id -u) -eq 0 ]]; then mkdir -p /run/sshd; fi
