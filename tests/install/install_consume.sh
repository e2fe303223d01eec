#!/usr/bin/env bash
# Installs the current build tree into a fresh temporary prefix and consumes
# it the ways a user would (curl tests/cmake/, libgit2 tests/headertest):
#
#   consume          the examples built with find_package(libcompliance)
#                    and with pkg-config + gcc, run on examples/data; the
#                    shared object loaded from Python ctypes; the SONAME; the
#                    installed headers compiled as C99 and C++, and flattened
#                    with `cpp -P` as PHP's FFI::cdef needs.
#   pc-relocatable   the installed libcompliance.pc points into the prefix
#                    it was installed to (`cmake --install --prefix DIR`).
#   ffi-cdef         `cpp -P` of the installed compliance.h is text that PHP's
#                    FFI::cdef accepts: no GCC attribute is left in it (PHP
#                    8.2 rejects `visibility`). When a php with FFI is
#                    installed, FFI::cdef is also run on it and a function
#                    called.
#
# usage: install_consume.sh MODE CMAKE BUILD_DIR SOURCE_DIR CONFIG VERSION
#                           SOVERSION LIBDIR INCLUDEDIR PYTHON
#
# The temporary prefix lives under BUILD_DIR and is removed when the test
# passes; on failure it is kept (until the next run) and its path printed.
set -u -o pipefail

MODE=$1 CMAKE=$2 BUILD=$3 SRC=$4 CONFIG=$5 VERSION=$6 SOVERSION=$7
LIBDIR=$8 INCLUDEDIR=$9 PYTHON=${10}

export LC_ALL=C
# Only what this script sets may steer the consumers to a libcompliance.
unset PKG_CONFIG_PATH CMAKE_PREFIX_PATH LD_LIBRARY_PATH CPATH C_INCLUDE_PATH LIBRARY_PATH

# What a failed run of this same test kept is removed first.
rm -rf "$BUILD/install-test-$MODE".*
WORK=$(mktemp -d "$BUILD/install-test-$MODE.XXXXXX") || { echo "FAIL: mktemp" >&2; exit 1; }
passed=0
cleanup() {
	if [ "$passed" = 1 ]; then rm -rf "$WORK"; else echo "(kept $WORK)" >&2; fi
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
# run LOG CMD...: runs CMD with its output in $WORK/LOG; on failure shows it.
run() {
	local log=$WORK/$1
	shift
	if ! "$@" >"$log" 2>&1; then
		cat "$log" >&2
		fail "command failed: $*"
	fi
}

case "$LIBDIR" in /*) fail "CMAKE_INSTALL_LIBDIR is absolute ($LIBDIR): cannot install to a temporary prefix" ;; esac
case "$INCLUDEDIR" in /*) fail "CMAKE_INSTALL_INCLUDEDIR is absolute ($INCLUDEDIR)" ;; esac

PREFIX=$WORK/prefix
LIB=$PREFIX/$LIBDIR
INC=$PREFIX/$INCLUDEDIR
DATA=$SRC/examples/data/scores-2022.csv

step "cmake --install $BUILD --prefix $PREFIX"
run install.log "$CMAKE" --install "$BUILD" --prefix "$PREFIX" --config "$CONFIG"

# ---- pkg-config -----------------------------------------------------------------
export PKG_CONFIG_PATH=$LIB/pkgconfig
[ -f "$PKG_CONFIG_PATH/libcompliance.pc" ] || fail "no $PKG_CONFIG_PATH/libcompliance.pc"
command -v pkg-config >/dev/null || fail "pkg-config is not installed"

# pc_points_into_prefix: 0 when the .pc's libdir and includedir resolve to the
# directories the files were installed to.
pc_points_into_prefix() {
	local libdir includedir
	libdir=$(pkg-config --variable=libdir libcompliance) || return 1
	includedir=$(pkg-config --variable=includedir libcompliance) || return 1
	echo "libcompliance.pc: libdir=$libdir includedir=$includedir"
	[ "$(realpath -m "$libdir")" = "$(realpath "$LIB")" ] &&
		[ "$(realpath -m "$includedir")" = "$(realpath "$INC")" ]
}

if [ "$MODE" = pc-relocatable ]; then
	step "libcompliance.pc after cmake --install --prefix"
	version=$(pkg-config --modversion libcompliance) || fail "pkg-config cannot read libcompliance.pc"
	[ "$version" = "$VERSION" ] || fail "pkg-config --modversion gives $version, expected $VERSION"
	pc_points_into_prefix ||
		fail "libcompliance.pc points outside $PREFIX: it hard-codes the configure-time prefix, so 'cmake --install --prefix DIR' installs a .pc that links against whatever is in that other prefix"
	flags=$(pkg-config --cflags --libs libcompliance) || fail "pkg-config --cflags --libs failed"
	echo "pkg-config --cflags --libs libcompliance: $flags"
	passed=1
	exit 0
fi
if [ "$MODE" = ffi-cdef ]; then
	step "cpp -P -I$INC compliance.h, as given to PHP FFI::cdef"
	run cpp.log cpp -P -I"$INC" "$INC/compliance.h" -o "$WORK/ffi.h"
	# Only what comes from libcompliance's headers: the system headers'
	# own attributes are their business (and PHP accepts theirs).
	if grep -n 'compliance_' "$WORK/ffi.h" | grep -E '__attribute__|__declspec' >&2; then
		fail "cpp -P output declares functions with attributes PHP FFI::cdef rejects
      (\"Unsupported attribute visibility\"): COMPLIANCE_API must expand to nothing
      outside the library's own build"
	fi
	if command -v php >/dev/null && php -d ffi.enable=1 -r 'exit(class_exists("FFI") ? 0 : 1);'; then
		step "php FFI::cdef on the cpp -P output"
		cat >"$WORK/ffi.php" <<'PHP'
<?php
[$_, $header, $lib] = $argv;
$ffi = FFI::cdef(file_get_contents($header), $lib);
$ctx = $ffi->new('compliance_ctx *');
$profile = $ffi->new('compliance_profile *');
$rounded = $ffi->new('int64_t');
if ($ffi->compliance_ctx_new(FFI::addr($ctx)) != 0) exit(1);
if ($ffi->compliance_profile_open($ctx, FFI::addr($profile), 'ombudsman-2022') != 0) exit(2);
if ($ffi->compliance_profile_classify($ctx, $profile, '87.995', FFI::addr($rounded), null) != 0) exit(3);
$assessment = $ffi->new('compliance_assessment *');
if ($ffi->compliance_assessment_new($ctx, FFI::addr($assessment), $profile) != 0) exit(5);
if ($ffi->compliance_assessment_add_unit_score($assessment, 'Kota A', 'kota', 'U1', '84.99') != 0) exit(6);
if ($ffi->compliance_assessment_add_unit_score($assessment, 'Kota A', 'kota', 'U2', '85.00') != 0) exit(6);
if ($ffi->compliance_assessment_compute($assessment) != 0) exit(7);
$unit = $ffi->new('int64_t');
if ($ffi->compliance_assessment_unit_score(FFI::addr($unit), $assessment, 0, 0) != 0) exit(8);
$type = $ffi->compliance_enum_short_name('compliance_entity_type', $ffi->compliance_assessment_entity_type($assessment, 0));
$got = $ffi->compliance_assessment_entity_score_text($assessment, 0) . ' '
     . $ffi->compliance_assessment_entity_category($assessment, 0) . ' ' . $type . ' ' . $unit->cdata;
$ffi->compliance_assessment_free($assessment);
if ($got !== '85.00 B kota 8499') { echo "php FFI: got $got\n"; exit(9); }
if ($ffi->compliance_error_name(-4) !== 'COMPLIANCE_E_PARSE') exit(10);
echo 'php FFI: ', $ffi->compliance_version_string(), ', 87.995 -> ', $rounded->cdata, ', ', $got, "\n";
$ffi->compliance_profile_free($profile);
$ffi->compliance_ctx_free($ctx);
exit($rounded->cdata == 8800 ? 0 : 4);
PHP
		run php.log php -d ffi.enable=1 "$WORK/ffi.php" "$WORK/ffi.h" "$LIB/libcompliance.so.$SOVERSION"
		cat "$WORK/php.log"
	else
		echo "(php with FFI not installed: only the text was checked)"
	fi
	passed=1
	exit 0
fi
[ "$MODE" = consume ] || fail "unknown mode $MODE"

# ---- what was installed --------------------------------------------------------
step "installed files"
for h in $(cd "$SRC/include" && find . -name '*.h' | sed 's|^\./||' | sort); do
	[ -f "$INC/$h" ] || fail "public header include/$h is not installed"
done
[ -f "$INC/compliance/version.h" ] || fail "generated compliance/version.h is not installed"
grep -q "^#define COMPLIANCE_VERSION_STRING \"$VERSION\"$" "$INC/compliance/version.h" ||
	fail "installed version.h does not say $VERSION"
REAL=$LIB/libcompliance.so.$VERSION
SONAME=libcompliance.so.$SOVERSION
[ -f "$REAL" ] && [ ! -L "$REAL" ] || fail "no $REAL"
[ "$(readlink "$LIB/$SONAME")" = "libcompliance.so.$VERSION" ] || fail "$SONAME does not link to libcompliance.so.$VERSION"
[ "$(readlink "$LIB/libcompliance.so")" = "$SONAME" ] || fail "libcompliance.so does not link to $SONAME"
[ -f "$LIB/libcompliance.a" ] || fail "no static library"
[ -f "$LIB/cmake/libcompliance/libcomplianceConfig.cmake" ] || fail "no CMake package"
# the methodology the built-in profiles cite, with the docs (CMAKE_INSTALL_DOCDIR)
cmp -s "$SRC/docs/methodology.md" "$PREFIX/share/doc/libcompliance/methodology.md" ||
	fail "docs/methodology.md is not installed in share/doc/libcompliance"

step "SONAME"
readelf -d "$REAL" >"$WORK/dynamic.txt" || fail "readelf -d $REAL"
grep -q "(SONAME) *Library soname: \[$SONAME\]" "$WORK/dynamic.txt" ||
	{ cat "$WORK/dynamic.txt" >&2; fail "SONAME of $REAL is not $SONAME"; }
grep -E '\((RPATH|RUNPATH)\)' "$WORK/dynamic.txt" | grep -F "$BUILD" >/dev/null &&
	fail "the installed library keeps an RPATH into the build tree"
grep "SONAME" "$WORK/dynamic.txt"
# libxlsxwriter (and the libcrypto it pulls in) is loaded when a workbook is
# first written, not at start (issue 13: 2-3 ms a process)
grep -E '\(NEEDED\).*(xlsxwriter|libcrypto)' "$WORK/dynamic.txt" &&
	fail "$REAL needs libxlsxwriter at start; it is to be loaded on first use"

# check_example_output FILE: the score of Kabupaten Bekasi, its category.
check_score_output() {
	grep -qP '^3\tKabupaten Bekasi\t73\.02\tC\tkuning\tKualitas Sedang$' "$1" ||
		{ cat "$1" >&2; fail "score_entities: no 'Kabupaten Bekasi 73.02 C' line in $1"; }
	[ "$(grep -c -P '^\d+\t' "$1")" -eq 5 ] || { cat "$1" >&2; fail "expected 5 entities in $1"; }
}
check_classify_output() {
	grep -qP '^87\.995\t88\.00\tA\thijau\tKualitas Tertinggi$' "$1" ||
		{ cat "$1" >&2; fail "classify: 87.995 is not 88.00 A hijau in $1"; }
}
# run_examples DIR: runs the two programs in DIR against the installed library.
run_examples() {
	local dir=$1 resolved
	resolved=$(LD_LIBRARY_PATH=$LIB ldd "$dir/score_entities" | awk -v so="$SONAME" '$1 == so { print $3 }')
	[ "$(realpath "$resolved")" = "$(realpath "$REAL")" ] ||
		fail "$dir/score_entities loads $SONAME from '$resolved', not from the prefix"
	LD_LIBRARY_PATH=$LIB "$dir/score_entities" "$DATA" >"$dir/score.out" 2>"$dir/score.err" ||
		{ cat "$dir/score.err" >&2; fail "$dir/score_entities failed"; }
	check_score_output "$dir/score.out"
	LD_LIBRARY_PATH=$LIB "$dir/score_entities" ombudsman-2022 "$DATA" >"$dir/score2.out" 2>&1 ||
		fail "$dir/score_entities ombudsman-2022 failed"
	check_score_output "$dir/score2.out"
	LD_LIBRARY_PATH=$LIB "$dir/classify" 87.995 >"$dir/classify.out" 2>&1 || fail "$dir/classify failed"
	check_classify_output "$dir/classify.out"
	# A bad score fails with a message, not a crash.
	if LD_LIBRARY_PATH=$LIB "$dir/classify" 87,5 >"$dir/bad.out" 2>&1; then
		fail "$dir/classify accepted '87,5'"
	fi
	grep -q "malformed" "$dir/bad.out" || { cat "$dir/bad.out" >&2; fail "no error for '87,5'"; }
	grep -P 'Kabupaten Bekasi' "$dir/score.out"
}

# ---- consumer 1: find_package ------------------------------------------------------
step "examples/ with find_package(libcompliance), CMAKE_PREFIX_PATH=$PREFIX"
run cmake-configure.log "$CMAKE" -S "$SRC/examples" -B "$WORK/cmake-build" \
	-DCMAKE_PREFIX_PATH="$PREFIX" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS=-Werror \
	-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
found=$(sed -n 's/^libcompliance_DIR:PATH=//p' "$WORK/cmake-build/CMakeCache.txt")
[ "$(realpath -m "$found")" = "$(realpath "$LIB/cmake/libcompliance")" ] ||
	fail "find_package found libcompliance in '$found', not in the prefix"
run cmake-build.log "$CMAKE" --build "$WORK/cmake-build"
run_examples "$WORK/cmake-build"

# ---- consumer 2: pkg-config and gcc --------------------------------------------------
step "examples/ with gcc \$(pkg-config --cflags --libs libcompliance), PKG_CONFIG_PATH=$PKG_CONFIG_PATH"
pc_override=()
if ! pc_points_into_prefix; then
	# Known defect, asserted by the install.pkgconfig_relocatable test: the
	# .pc hard-codes the configure-time prefix. Point its directory
	# variables at the prefix so that this leg still checks the rest of the
	# file (its -I, -L and -l flags and its Requires) against the install.
	echo "NOTE: libcompliance.pc is not relocatable (see install.pkgconfig_relocatable);"
	echo "NOTE: overriding prefix, libdir and includedir for this leg."
	pc_override=(--define-variable=prefix="$PREFIX" --define-variable=exec_prefix="$PREFIX"
		--define-variable=libdir="$LIB" --define-variable=includedir="$INC")
	pc_points_into_prefix_override() {
		[ "$(pkg-config "${pc_override[@]}" --variable=libdir libcompliance)" = "$LIB" ]
	}
	pc_points_into_prefix_override || fail "pkg-config --define-variable did not take effect"
fi
flags=$(pkg-config "${pc_override[@]}" --cflags --libs libcompliance) || fail "pkg-config --cflags --libs libcompliance"
echo "pkg-config --cflags --libs libcompliance: $flags"
# shellcheck disable=SC2086 # the flags are words
set -- $flags
# has_dir_flag FLAG DIR ARGS...: one of ARGS is FLAG followed by DIR (the
# same directory, however spelt: a relocatable .pc gives ".../pkgconfig/../..").
has_dir_flag() {
	local flag=$1 dir arg
	dir=$(realpath "$2")
	shift 2
	for arg in "$@"; do
		case "$arg" in "$flag"*) [ "$(realpath -m "${arg#"$flag"}")" = "$dir" ] && return 0 ;; esac
	done
	return 1
}
has_dir_flag -L "$LIB" "$@" || fail "pkg-config --libs lacks -L$LIB"
has_dir_flag -I "$INC" "$@" || fail "pkg-config --cflags lacks -I$INC"
printf '%s\n' "$@" | grep -x -- "-lcompliance" >/dev/null || fail "pkg-config --libs lacks -lcompliance"
mkdir -p "$WORK/pc-build"
for prog in score_entities classify; do
	run "gcc-$prog.log" gcc -std=c99 -Wall -Wextra -pedantic -Werror \
		-o "$WORK/pc-build/$prog" "$SRC/examples/$prog.c" "$@"
done
run_examples "$WORK/pc-build"

# The static library needs its private dependencies (jansson, and minizip
# and expat to read XLSX; libxlsxwriter is loaded at run time): the .pc names
# them in Requires.private, so `pkg-config --static` links a working program
# against libcompliance.a.
step "static: gcc \$(pkg-config --static --libs libcompliance) with libcompliance.a"
req=$(pkg-config "${pc_override[@]}" --print-requires-private libcompliance) ||
	fail "pkg-config --print-requires-private libcompliance"
for dep in jansson minizip expat; do
	grep -q "^$dep\b" <<<"$req" || fail "libcompliance.pc: Requires.private lacks $dep (has: $req)"
done
static_flags=$(pkg-config "${pc_override[@]}" --static --cflags --libs libcompliance) ||
	fail "pkg-config --static --cflags --libs libcompliance"
# shellcheck disable=SC2086
set -- $static_flags
mkdir -p "$WORK/static-build"
# A library built with the sanitizers (tools/ci-extra.sh) cannot be linked
# statically into a plain program (its objects call the sanitizers'
# runtimes): the static consumer is checked in the ordinary build of
# tools/test.sh, and skipped here. (grep reads all of nm's output: with -q it
# would stop early, and pipefail would see nm's SIGPIPE.)
if nm "$LIB/libcompliance.a" 2>/dev/null | grep '__asan_\|__ubsan_' >/dev/null; then
	echo "   (a sanitizer build: the static consumer is checked by tools/test.sh)"
else
	run gcc-static.log gcc -std=c99 -Wall -Wextra -pedantic -Werror \
		-o "$WORK/static-build/score_entities" "$SRC/examples/score_entities.c" \
		-Wl,-Bstatic -lcompliance -Wl,-Bdynamic "$@"
	if readelf -d "$WORK/static-build/score_entities" | grep 'libcompliance\.so' >/dev/null; then
		fail "the static consumer links libcompliance.so"
	fi
	"$WORK/static-build/score_entities" "$DATA" >"$WORK/static-build/score.out" 2>&1 ||
		{ cat "$WORK/static-build/score.out" >&2; fail "the static consumer failed"; }
	check_score_output "$WORK/static-build/score.out"
fi

step "examples/Makefile (the documented pkg-config build)"
mkdir -p "$WORK/make-build"
run make.log make -C "$SRC/examples" O="$WORK/make-build" CC=gcc \
	PKG_CONFIG="pkg-config ${pc_override[*]}" CFLAGS="-O2 -Wall -Wextra -pedantic -Werror"
run_examples "$WORK/make-build"

# ---- consumer 3: Python ctypes, no C compiler ---------------------------------------------
step "Python ctypes on $LIB/$SONAME"
[ -n "$PYTHON" ] && [ -x "$PYTHON" ] || fail "no Python interpreter (got '$PYTHON')"
run ctypes.log "$PYTHON" "$SRC/tests/install/ffi_ctypes.py" "$LIB/$SONAME" "$VERSION"
cat "$WORK/ctypes.log"

# ---- the installed headers ----------------------------------------------------------
step "installed headers: gcc -std=c99 -pedantic -Werror, each header on its own"
mkdir -p "$WORK/headers"
headers=$(cd "$INC" && { echo compliance.h; find compliance -name '*.h' | sort; })
for h in $headers; do
	tu=$WORK/headers/$(echo "$h" | tr '/.' '__').c
	# Twice, for the include guards; the typedef keeps a macro-only header
	# from making an empty translation unit, which ISO C forbids.
	printf '#include <%s>\n#include <%s>\ntypedef int header_test_nonempty;\n' "$h" "$h" >"$tu"
	run headers-c.log gcc -std=c99 -Wall -Wextra -pedantic -Werror -Wstrict-prototypes -Wundef \
		-I"$INC" -c "$tu" -o "$tu.o"
	run headers-cxx.log g++ -x c++ -Wall -Wextra -pedantic -Werror -Wundef \
		-I"$INC" -c "$tu" -o "$tu.cxx.o"
done
echo "$headers" | tr '\n' ' '
echo

step "installed headers: a C++ program links and runs (extern \"C\")"
cat >"$WORK/headers/use.cpp" <<'EOF'
#include <compliance.h>
#include <cstring>
int main()
{
	compliance_ctx *ctx = 0;
	compliance_profile *profile = 0;
	int64_t rounded = 0;
	if (std::strcmp(compliance_version_string(), COMPLIANCE_VERSION_STRING) != 0)
		return 1;
	if (compliance_version() != COMPLIANCE_VERSION_NUMBER)
		return 2;
	if (compliance_ctx_new(&ctx) != COMPLIANCE_OK)
		return 3;
	if (compliance_profile_open(ctx, &profile, "ombudsman-2022") != COMPLIANCE_OK)
		return 4;
	if (compliance_profile_classify(ctx, profile, "87.995", &rounded, 0) != COMPLIANCE_OK
	    || rounded != 8800)
		return 5;
	compliance_profile_free(profile);
	compliance_ctx_free(ctx);
	return 0;
}
EOF
run cxx-link.log g++ -Wall -Wextra -pedantic -Werror -I"$INC" -o "$WORK/headers/use" \
	"$WORK/headers/use.cpp" -L"$LIB" -lcompliance
LD_LIBRARY_PATH=$LIB "$WORK/headers/use" || fail "the C++ program failed (exit $?)"

step "installed headers after cpp -P (what PHP FFI::cdef is given)"
run cpp.log cpp -P -I"$INC" "$INC/compliance.h" -o "$WORK/ffi.h"
if grep -n '^[[:space:]]*#' "$WORK/ffi.h" >&2; then
	fail "cpp -P output still has preprocessor lines"
fi
if grep -nw 'inline' "$WORK/ffi.h" >&2; then
	fail "cpp -P output has inline functions, which FFI cannot call"
fi
symbols=$(sed -n '/global:/,/local:/p' "$SRC/libcompliance.map" | grep -oE '^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*;' | tr -d ' \t;')
[ -n "$symbols" ] || fail "no symbols read from libcompliance.map"
n=0
for s in $symbols; do
	grep -qE "(^|[^A-Za-z0-9_])$s[[:space:]]*\(" "$WORK/ffi.h" || fail "cpp -P output lacks a declaration of $s"
	n=$((n + 1))
done
# The flattened text is still one valid C99 translation unit.
run cpp-reparse.log gcc -std=c99 -pedantic -Werror -fsyntax-only -x c "$WORK/ffi.h"
echo "cpp -P: $(wc -l <"$WORK/ffi.h") lines, no directives, all $n exported functions declared"

passed=1
echo "PASS"
