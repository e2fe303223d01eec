#!/usr/bin/env bash
# Writes debian/libcompliance<SOVERSION>.symbols from libcompliance.map: every
# symbol of every version node, with the node's version as the minimal
# version (LIBCOMPLIANCE_0.2 -> 0.2.0). dpkg-gensymbols -c4 (debian/rules)
# then fails the package build on any difference from what the library
# exports.
#
# usage: tools/gen-debian-symbols.sh           rewrite the file
#        tools/gen-debian-symbols.sh --check   exit 1, with a diff, when the
#                                              committed file is out of date
# Run it after adding a symbol to libcompliance.map (the test
# package.symbols_file runs --check).
set -eu -o pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MAP=$ROOT/libcompliance.map
soversion=$(sed -n 's/^set(COMPLIANCE_SOVERSION \([0-9][0-9]*\)).*/\1/p' "$ROOT/CMakeLists.txt")
[ -n "$soversion" ] || { echo "gen-debian-symbols: no COMPLIANCE_SOVERSION in CMakeLists.txt" >&2; exit 2; }
OUT=$ROOT/debian/libcompliance$soversion.symbols

generate() {
	echo "libcompliance.so.$soversion libcompliance$soversion #MINVER#"
	echo "* Build-Depends-Package: libcompliance-dev"
	# strip /* */ comments, then walk the nodes
	sed -e ':a' -e 's|/\*.*\*/||g' -e '/\/\*/{N;ba' -e '}' "$MAP" | awk '
		/^[[:space:]]*[A-Za-z_][A-Za-z0-9_.]*[[:space:]]*\{/ {
			node = $1; sub(/\{.*/, "", node)
			ver = node; sub(/^[A-Z_]*_/, "", ver)
			if (split(ver, v, ".") == 2) ver = ver ".0"
			print " " node "@" node " " ver
			scope = ""; next
		}
		/global:/ { scope = "global"; next }
		/local:/ { scope = "local"; next }
		/^[[:space:]]*\}/ { node = ""; next }
		node != "" && scope == "global" && /^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*;/ {
			s = $1; sub(/;.*/, "", s)
			print " " s "@" node " " ver
		}' | sort
}

if [ "${1:-}" = --check ]; then
	if ! diff -u "$OUT" <(generate); then
		echo "FAIL: $OUT is not what libcompliance.map gives: run tools/gen-debian-symbols.sh" >&2
		exit 1
	fi
	echo "PASS: $(basename "$OUT") lists the $(generate | grep -c '^ [a-z]') symbols of libcompliance.map"
	exit 0
fi
generate >"$OUT"
echo "wrote $OUT"
