#!/usr/bin/env bash
# Install the generators bench/compare.py measures Dateline against (run from anywhere, as root
# or with sudo for apt):
#
#     bash bench/install-peers.sh
#
# - hugo and hyperfine from Debian (apt), only if missing;
# - Pelican, pinned in bench/peers/requirements-pelican.txt, in its own venv
#   bench/work/pelican-venv (bench/work/ is git-ignored scratch space).
# Idempotent: re-running it only installs what is missing or out of date.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-python3}"

missing=()
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
command -v /usr/bin/time >/dev/null 2>&1 || missing+=(time)
if ((${#missing[@]})); then
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    echo "apt-get install ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

venv="$here/work/pelican-venv"
if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating $venv"
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$here/peers/requirements-pelican.txt"

echo "hugo:      $(hugo version 2>/dev/null || echo 'not installed')"
echo "hyperfine: $(hyperfine --version 2>/dev/null || echo 'not installed')"
echo "pelican:   $("$venv/bin/pelican" --version)"
