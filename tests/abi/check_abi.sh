#!/usr/bin/env bash
# Compares the ABI of a freshly built libcompliance with the committed
# baseline abi/libcompliance.abi and fails on any change that is not a pure
# addition (zlib-ng test/abicheck.sh). Exits 77 (skipped) when libabigail's
# tools are not installed.
#
# usage: check_abi.sh SOURCE_DIR LIBRARY
#
# Two comparisons, both of abidw output written the same way
# (tests/abi/update-baseline.sh) so that nothing differs but the binary:
#   1. the exported functions and variables and every type they reach:
#      abidiff --no-added-syms, so that additions are not reported; any
#      change left (removed or changed functions, changed types) fails;
#   2. the public enums, which no function names because they travel as
#      int: abidiff --non-reachable-types, limited to compliance_* types;
#      a changed or removed enumerator fails, an appended one does not.
#      (A whole type that the debug info no longer describes is only noted:
#      that also happens when no source file uses it any more.)
# The baseline is written from a gcc build; a clang build passes (1) but
# describes fewer types, which (2) notes.
set -u -o pipefail
SRC=$1
LIB=$2
BASELINE=$SRC/abi/libcompliance.abi
export LC_ALL=C

for tool in abidw abidiff; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: $tool not found (install abigail-tools)"
		exit 77
	fi
done

fail() {
	echo "FAIL: $*" >&2
	echo "If the change is deliberate, bump SOVERSION, say \"ABI: broken\" in CHANGELOG.md and" >&2
	echo "regenerate the baseline: tests/abi/update-baseline.sh BUILD_DIR" >&2
	exit 1
}

[ -f "$BASELINE" ] || { echo "FAIL: no baseline $BASELINE (run tests/abi/update-baseline.sh)" >&2; exit 1; }
arch_of() { grep -m1 -o "architecture='[^']*'" "$1"; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CURRENT=$WORK/current.abi
bash "$SRC/tests/abi/update-baseline.sh" --out "$CURRENT" "$LIB" || { echo "FAIL: abidw failed" >&2; exit 1; }
[ "$(arch_of "$BASELINE")" = "$(arch_of "$CURRENT")" ] ||
	{ echo "FAIL: the baseline is for $(arch_of "$BASELINE"), this build is $(arch_of "$CURRENT")" >&2; exit 1; }

# count_of REPORT LINE-PREFIX WORD: the number before WORD on the summary
# line, e.g. 1 for Changed in "Functions changes summary: 0 Removed,
# 1 Changed (2 filtered out), 3 Added functions". abidiff prints nothing at
# all when it finds nothing to report: that counts as 0.
count_of() {
	if [ ! -s "$1" ]; then
		echo 0
		return
	fi
	grep -m1 "^$2" "$1" | grep -o "[0-9][0-9]* $3" | grep -o '^[0-9]*'
}

# ---- 1. exported interface ------------------------------------------------------
abidiff --no-added-syms "$BASELINE" "$CURRENT" >"$WORK/report.txt" 2>&1
rc=$?
if [ -s "$WORK/report.txt" ]; then cat "$WORK/report.txt"; else echo "exported interface: unchanged"; fi
[ $((rc & 3)) -eq 0 ] || fail "abidiff itself failed (exit $rc)"
[ $((rc & 8)) -eq 0 ] || fail "abidiff found an incompatible ABI change (exit $rc)"
[ $((rc & 4)) -eq 0 ] || fail "abidiff found an ABI change that is not an addition (exit $rc)"
removed=$(count_of "$WORK/report.txt" "Functions changes summary" Removed)
changed=$(count_of "$WORK/report.txt" "Functions changes summary" Changed)
[ "${removed:-x}" = 0 ] && [ "${changed:-x}" = 0 ] ||
	fail "functions removed (${removed:-?}) or changed (${changed:-?})"
removed=$(count_of "$WORK/report.txt" "Variables changes summary" Removed)
changed=$(count_of "$WORK/report.txt" "Variables changes summary" Changed)
[ "${removed:-x}" = 0 ] && [ "${changed:-x}" = 0 ] ||
	fail "variables removed (${removed:-?}) or changed (${changed:-?})"

# ---- 2. public enums, unreachable from any function ----------------------------------
cat >"$WORK/public-only.supp" <<'SUPP'
# Only libcompliance's own types: jansson's, libc's and src/'s are not ours.
[suppress_type]
  name_not_regexp = ^compliance_
SUPP
abidiff --non-reachable-types --no-added-syms --suppressions "$WORK/public-only.supp" \
	"$BASELINE" "$CURRENT" >"$WORK/types.txt" 2>&1
rc=$?
[ $((rc & 3)) -eq 0 ] || { cat "$WORK/types.txt"; fail "abidiff itself failed (exit $rc)"; }
if [ -s "$WORK/types.txt" ]; then
	line=$(grep -m1 '^Unreachable types summary' "$WORK/types.txt")
	[ -n "$line" ] || { cat "$WORK/types.txt"; fail "abidiff printed no summary of unreachable types"; }
	echo "public enums: $line"
else
	echo "public enums: unchanged"
fi
removed=$(count_of "$WORK/types.txt" "Unreachable types summary" removed)
changed=$(count_of "$WORK/types.txt" "Unreachable types summary" changed)
if [ "${changed:-x}" != 0 ]; then
	cat "$WORK/types.txt"
	fail "public types changed (${changed:-?}): an enumerator's value changed or one was removed"
fi
if [ "${removed:-x}" != 0 ]; then
	# Not a failure: a type also goes missing when no source file uses it
	# any more (or another compiler is used), so that the DWARF no longer
	# describes it. The exported functions were checked above.
	cat "$WORK/types.txt"
	echo "NOTE: ${removed:-?} public type(s) no longer described by the debug info (see above)"
fi

echo "PASS: the ABI is the baseline's, or extends it"
