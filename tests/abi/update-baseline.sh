#!/usr/bin/env bash
# Writes the ABI baseline abi/libcompliance.abi from a build of the library
# (libabigail's abidw; zlib-ng test/abicheck.sh does the same).
#
#   tests/abi/update-baseline.sh [BUILD_DIR]            # default: build
#   tests/abi/update-baseline.sh --out FILE LIBRARY     # what check_abi.sh runs
#
# Run it from a Debug or RelWithDebInfo build (abidw reads the DWARF) when a
# release deliberately changes the ABI, and commit the result with the
# SOVERSION bump and a CHANGELOG line "ABI: broken" (or "extended").
#
# The output does not depend on where the tree is: the corpus and
# compilation-directory paths are left out, locations are not written, and
# the absolute paths of translation units are made relative.
set -eu -o pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
if [ "${1:-}" = --out ]; then
	[ $# -eq 3 ] || { echo "usage: $0 --out FILE LIBRARY" >&2; exit 2; }
	OUT=$2
	LIB=$3
else
	[ $# -le 1 ] || { echo "usage: $0 [BUILD_DIR]" >&2; exit 2; }
	OUT=$SRC/abi/libcompliance.abi
	LIB=${1:-$SRC/build}/libcompliance.so
fi
[ -f "$LIB" ] || { echo "$0: no $LIB (build the library first)" >&2; exit 1; }
command -v abidw >/dev/null || { echo "$0: abidw not found (install abigail-tools)" >&2; exit 1; }
if ! readelf -S "$LIB" | grep -c "\.debug_info" >/dev/null; then
	echo "$0: $LIB has no DWARF; build with CMAKE_BUILD_TYPE=Debug or RelWithDebInfo" >&2
	exit 1
fi

LIB=$(realpath "$LIB")
BUILD=$(dirname "$LIB")
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
# --load-all-types keeps the public enums, which no exported function names
# (they travel as int), so that a changed enumerator value shows up.
# --headers-dir with --drop-private-types keeps what src/ defines out.
abidw --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed \
	--drop-private-types --load-all-types --headers-dir "$SRC/include" \
	--out-file "$tmp" "$LIB"
# Translation units are named by absolute path: make them relative.
sed -e "s|path='$BUILD/|path='|" -e "s|path='$SRC/|path='|" "$tmp" >"$OUT"
echo "wrote $OUT from $LIB"
