#!/usr/bin/env bash
# Installs the system packages the test suite drives: Debian's Chromium (browser tests).
# Idempotent: does nothing when they are present. Needs root or sudo to install.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "Please install: ${missing[*]} (apt-get install ${missing[*]})" >&2; exit 1
fi
echo "Installing ${missing[*]} with apt-get…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
