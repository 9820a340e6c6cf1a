#!/usr/bin/env bash
# Installs what a fresh Debian machine with Swift lacks to build and test Peixun: libzmq (with
# its pkg-config file) and pkg-config itself; Chromium and the Noto CJK fonts for the dashboard's
# headless-browser test (Tests/IntegrationTests/DashboardBrowserTests.swift); iproute2 and curl
# for the several-hosts test (deploy/netns/run.sh, Tests/IntegrationTests/NetnsTests.swift). Does
# nothing when they are present.
set -euo pipefail

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if ! pkg-config --exists libzmq 2>/dev/null; then need+=(libzmq3-dev); fi
command -v chromium >/dev/null 2>&1 || need+=(chromium)
installed fonts-noto-cjk || need+=(fonts-noto-cjk)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ "${#need[@]}" -eq 0 ]; then exit 0; fi

echo "peixun: installing ${need[*]} (Debian packages)" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "peixun: need root or sudo to apt-get install ${need[*]}" >&2; exit 1; }
  sudo="sudo"
fi
$sudo apt-get update -qq
# Without recommends: Chromium's pull in desktop pieces a headless run does not use.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
