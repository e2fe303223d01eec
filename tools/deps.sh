#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever libcompliance needs that the
# machine lacks. Safe to run again: it installs nothing already present.
set -eu
pkgs="build-essential cmake pkg-config libjansson-dev libcmocka-dev doxygen abigail-tools python3 binutils"
# each part of the tree that needs more (bindings, database extensions,
# packaging) lists its Debian packages in tools/deps/*.list, one or more per
# line, '#' starting a comment
for f in "$(dirname "$0")"/deps/*.list; do
	[ -e "$f" ] || continue
	pkgs="$pkgs $(sed 's/#.*//' "$f" | tr '\n' ' ')"
done
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "Installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
