#!/usr/bin/env bash
# Installs the Debian packages listed in the given files when any is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
packages=()
for list in "$@"; do
    while read -r pkg; do
        [[ -z "$pkg" || "$pkg" == \#* ]] && continue
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || packages+=("$pkg")
    done < "$here/packaging/$list"
done
if ((${#packages[@]})); then
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    echo "Installing missing Debian packages: ${packages[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
fi
