#!/usr/bin/env bash
# Installs what the product and its tests need on a Debian machine (run as root), then builds.
# Idempotent: apt-get runs only when a package is missing, npm ci only when the lock changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(nats-server rsync openssh-server openssh-client dnsmasq-base keepalived udhcpc isc-dhcp-client busybox iproute2 nftables procps psmisc util-linux ca-certificates zsh systemd-container mmdebstrap lsyncd kea-dhcp4-server kea-ctrl-agent kea-admin)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The package test runs the bundles on Debian 12's own nodejs (apt-get download): apt must know it.
apt-cache madison nodejs 2>/dev/null | grep -q '| 18\.' || apt-get update -qq

# Debian's nats-server package enables its own nats-server.service: an anonymous bus on the product's
# 127.0.0.1:4222 (docs/operations.md, "NATS"). Disable it where systemd runs the machine; in a
# container without systemd as PID 1 (no /run/systemd/system) nothing started it and systemctl cannot.
if [ -d /run/systemd/system ] && systemctl cat nats-server.service >/dev/null 2>&1; then
  echo "setup: systemctl disable --now nats-server (Debian's own bus; routerd-nats runs the rendered one)"
  systemctl disable --now --quiet nats-server.service
fi

# Kea (the HA lab's peer: `node tools/lab/dist/cli.js peers`): the lab runs kea-dhcp4 and kea-ctrl-agent
# in its router namespaces; kea-admin brings perfdhcp, its load client. Debian's own units (a DHCP server
# on no interface and a control agent on 127.0.0.1:8000) serve nothing the lab needs.
for unit in kea-dhcp4-server.service kea-ctrl-agent.service; do
  if [ -d /run/systemd/system ] && systemctl is-enabled --quiet "$unit" 2>/dev/null; then
    echo "setup: systemctl disable --now $unit (the lab runs its own Kea in its namespaces)"
    systemctl disable --now --quiet "$unit"
  fi
done

node_major=$(node -p 'process.versions.node.split(".")[0]')
node_minor=$(node -p 'process.versions.node.split(".")[1]')
if [ "$node_major" -lt 20 ] || { [ "$node_major" -eq 20 ] && [ "$node_minor" -lt 19 ]; }; then
  echo "setup: building and testing need Node.js >= 20.19 (Debian 13 ships 20.19), found $(node --version); the .deb itself runs on Debian 12's nodejs 18.20 (npm run package)" >&2
  exit 1
fi

stamp=node_modules/.routerd-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

echo "setup: build"
npm run build --silent
# Links the workspace bins (routerctl, routerd-*) now that their dist/main.js exist, and marks them executable.
npm rebuild --ignore-scripts --silent >/dev/null
