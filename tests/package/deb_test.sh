#!/usr/bin/env bash
# The Debian packages, built, checked and run as a user gets them:
#
#  1. the tracked files of the source tree (git ls-files, as they are in the
#     working tree; a file not yet `git add`ed is not part of it) are copied
#     to BUILD_DIR/deb-test/src: the source tree itself is never built in;
#  2. dpkg-buildpackage -us -uc -b there, with DEB_BUILD_OPTIONS
#     "nocheck parallel=2 noautodbgsym" and the build profile nocheck: this test runs in
#     ctest, after the same test suite has run on the same sources, so the
#     package build does not run it again (COMPLIANCE_DEB_CHECK=1 runs it:
#     debian/rules' dh_auto_test, ctest without the external, install and
#     abi labels);
#  3. lintian on the .changes: any error or warning fails (the overrides
#     and their reasons are in debian/*.lintian-overrides);
#  4. the .debs unpacked with dpkg -x into a throwaway root (no root
#     privilege, nothing installed on the machine); compliance run from it
#     with LD_LIBRARY_PATH: --version, a classify and a score of the bundled
#     data, the library loaded from the root; the man page, the bash
#     completion, the headers, the .pc and the CMake package present; an
#     example built with the root's pkg-config file and run;
#  5. the bindings' and extensions' packages used from the root
#     (deb_use.sh): python3-compliance, php-compliance (FFI::load and the
#     preloaded FFI::scope), libsqlite3-mod-compliance (.load mod_compliance
#     in sqlite3) and postgresql-15-compliance (a throwaway server loads it)
#     each reproduce the published vectors of tests/data.
#
# usage: deb_test.sh SOURCE_DIR BUILD_DIR
# Work files in BUILD_DIR/deb-test, removed when the test passes.
set -u -o pipefail
SRC=$(realpath "$1") BUILD=$(realpath "$2")
export LC_ALL=C.UTF-8
unset PKG_CONFIG_PATH LD_LIBRARY_PATH CMAKE_PREFIX_PATH MAKEFLAGS MFLAGS

WORK=$BUILD/deb-test
passed=0
cleanup() { if [ "$passed" = 1 ]; then rm -rf "$WORK"; else echo "(kept $WORK)" >&2; fi; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $* ($(date +%T))"; }
for tool in git dpkg-buildpackage dpkg-architecture lintian dpkg-deb gcc pkg-config; do
	command -v "$tool" >/dev/null || fail "$tool is not installed (tools/deps/debian.list)"
done

rm -rf "$WORK"
mkdir -p "$WORK/src" "$WORK/root"

step "copy the tracked files of $SRC"
git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1 || fail "$SRC is not a git checkout (the copy takes its tracked files)"
(cd "$SRC" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$WORK/src" ||
	fail "copying the tracked files (a tracked file deleted in the working tree?)"
[ -x "$WORK/src/debian/rules" ] || fail "no debian/rules among the tracked files"

step "dpkg-buildpackage -us -uc -b"
if [ "${COMPLIANCE_DEB_CHECK:-0}" = 1 ]; then
	opts="parallel=2 noautodbgsym" profiles=""
else
	opts="nocheck parallel=2 noautodbgsym" profiles="-Pnocheck"
fi
start=$(date +%s)
(cd "$WORK/src" && DEB_BUILD_OPTIONS="$opts" dpkg-buildpackage -us -uc -b $profiles) >"$WORK/build.log" 2>&1 ||
	{ tail -n 80 "$WORK/build.log" >&2; fail "dpkg-buildpackage failed (log: $WORK/build.log)"; }
echo "built in $(($(date +%s) - start)) s with DEB_BUILD_OPTIONS='$opts'"
# (sed reads to the end: `head` could SIGPIPE grep under pipefail; no
# match at all is not a failure.)
grep -E 'dpkg-gensymbols|warning' "$WORK/build.log" | grep -v '^ *$' | sed -n '1,20p' || true
changes=$(ls "$WORK"/libcompliance_*.changes) || fail "no .changes written"
ls "$WORK"/*.deb

step "lintian (errors and warnings fail)"
start=$(date +%s)
lintian --fail-on error,warning --display-info --info "$changes" >"$WORK/lintian.log" 2>&1
rc=$?
cat "$WORK/lintian.log"
[ "$rc" -eq 0 ] || fail "lintian found errors or warnings (exit $rc)"
echo "lintian: $(grep -c '^E:' "$WORK/lintian.log") errors, $(grep -c '^W:' "$WORK/lintian.log") warnings, in $(($(date +%s) - start)) s"

step "dpkg -x into $WORK/root"
for deb in "$WORK"/*.deb; do
	dpkg-deb --info "$deb" | sed -n 's/^ \(Package\|Version\|Depends\): /  &/p'
	dpkg -x "$deb" "$WORK/root" || fail "dpkg -x $deb"
done
ROOT=$WORK/root
MA=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
LIB=$ROOT/usr/lib/$MA
VERSION=$(sed -n 's/^project(libcompliance VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
for f in usr/bin/compliance "usr/lib/$MA/libcompliance.so.1" "usr/lib/$MA/libcompliance.so" \
	"usr/lib/$MA/libcompliance.a" "usr/lib/$MA/pkgconfig/libcompliance.pc" \
	"usr/lib/$MA/cmake/libcompliance/libcomplianceConfig.cmake" \
	usr/include/compliance.h usr/include/compliance/version.h \
	usr/share/man/man1/compliance.1.gz usr/share/bash-completion/completions/compliance \
	usr/share/libcompliance/profiles/ombudsman-2022.json \
	usr/share/doc/libcompliance1/copyright usr/share/doc/compliance/copyright \
	usr/share/doc/libcompliance-doc/html/index.html usr/share/doc/libcompliance-doc/html/md_docs_design.html; do
	[ -e "$ROOT/$f" ] || fail "no /$f in the packages"
done
# each file in exactly the package it belongs to
dpkg-deb -c "$WORK"/libcompliance1_*.deb | grep "usr/lib/$MA/libcompliance.so.1 " >/dev/null ||
	fail "libcompliance1 does not hold the SONAME link libcompliance.so.1"
dpkg-deb -c "$WORK"/libcompliance1_*.deb | grep -E 'usr/include|\.so$|\.a$' >/dev/null &&
	fail "libcompliance1 holds development files"
dpkg-deb -f "$WORK"/compliance_*.deb Depends | grep "libcompliance1 (>= $VERSION)" >/dev/null ||
	fail "compliance does not depend on libcompliance1 (>= $VERSION) (shlibs from the symbols file): $(dpkg-deb -f "$WORK"/compliance_*.deb Depends)"

step "compliance from the root"
export LD_LIBRARY_PATH=$LIB
resolved=$(ldd "$ROOT/usr/bin/compliance" | awk '$1 == "libcompliance.so.1" { print $3 }')
[ "$(realpath "$resolved")" = "$(realpath "$LIB/libcompliance.so.1")" ] ||
	fail "compliance loads libcompliance.so.1 from '$resolved', not from the unpacked package"
out=$("$ROOT/usr/bin/compliance" --version) || fail "compliance --version failed"
echo "$out"
[ "$out" = "compliance $VERSION (libcompliance $VERSION)" ] || fail "compliance --version gives '$out'"
# 87.995 is a tie, rounded half-up to 88.00: category A (docs/methodology.md)
out=$("$ROOT/usr/bin/compliance" classify --profile ombudsman-2022 87.995 87.994) || fail "classify failed"
echo "$out"
[ "$out" = "$(printf '88.00\tA\thijau\tKualitas Tertinggi\n87.99\tB\thijau\tKualitas Tinggi')" ] ||
	fail "classify gives '$out'"
# Kabupaten Bekasi's seven published 2022 unit scores give 73.02, C
"$ROOT/usr/bin/compliance" score --profile "$ROOT/usr/share/libcompliance/profiles/ombudsman-2022.json" \
	--format csv "$SRC/examples/data/scores-2022.csv" >"$WORK/score.csv" || fail "score failed"
grep -q '^Kabupaten Bekasi,kabupaten,7,73.02,C,kuning,' "$WORK/score.csv" ||
	{ cat "$WORK/score.csv" >&2; fail "score: no 'Kabupaten Bekasi 73.02 C' row"; }
zcat "$ROOT/usr/share/man/man1/compliance.1.gz" | grep '^\.TH "compliance" "1"' >/dev/null || fail "the man page is not a compliance(1) page"

step "an example built against the unpacked libcompliance-dev"
export PKG_CONFIG_PATH=$LIB/pkgconfig
flags=$(pkg-config --cflags --libs libcompliance) || fail "pkg-config cannot read the packaged libcompliance.pc"
echo "pkg-config: $flags"
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Wextra -pedantic -Werror -o "$WORK/classify" "$SRC/examples/classify.c" $flags ||
	fail "examples/classify.c does not build with the packaged headers and .pc"
out=$("$WORK/classify" 87.995) || fail "the example failed"
[ "$out" = "$(printf '87.995\t88.00\tA\thijau\tKualitas Tertinggi')" ] || fail "the example gives '$out'"
echo "$out"

step "the bindings and extensions (deb_use.sh)"
bash "$SRC/tests/package/deb_use.sh" "$ROOT" "$SRC" "$WORK" || fail "deb_use.sh"

passed=1
echo "PASS"
