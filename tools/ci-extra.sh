#!/usr/bin/env bash
# Reliability checks beyond the main test suite (issue 5), run by .ci/run
# after tools/test.sh. Exits non-zero on any failure and prints a summary.
#
#   asan      the whole CTest suite built with AddressSanitizer and
#             UndefinedBehaviorSanitizer (-DCOMPLIANCE_SANITIZE=ON, gcc);
#             the install tests, which load the library into python and
#             php, run with libasan preloaded and leak checks off.
#   valgrind  every unit, threads and CLI test of a plain Debug build under
#             valgrind --leak-check=full (definite and indirect leaks are
#             errors); the CLI tests' scripts get a wrapper that runs the
#             compliance program under valgrind in place of the program.
#   tsan      tests/threads built with ThreadSanitizer.
#   fuzz      each libFuzzer target (tests/fuzz, clang) for FUZZ_SECONDS
#             seconds (default 60), seeded with tests/fuzz/corpus; any
#             crash, leak, timeout or out-of-memory fails, and the input is
#             kept under <build>/fuzz/artifacts/.
#
# Usage: bash tools/ci-extra.sh [setup|asan|valgrind|tsan|fuzz ...]
#        (no argument: all of them, in that order).
# Environment: FUZZ_SECONDS (60), JOBS (nproc), CI_EXTRA_DIR (build-extra).
#
# Installs what it lacks with apt-get (through sudo when not root): the
# packages of tools/deps.sh, then clang, libFuzzer, valgrind and locales,
# and generates the de_DE.UTF-8 and id_ID.UTF-8 locales that
# tests/unit/test_locale.c requires here (COMPLIANCE_REQUIRE_LOCALES=1).
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${CI_EXTRA_DIR:-$ROOT/build-extra}
case $OUT in /*) ;; *) OUT=$ROOT/$OUT ;; esac
JOBS=${JOBS:-$(nproc)}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
PHASES=${*:-setup asan valgrind tsan fuzz}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
export COMPLIANCE_REQUIRE_LOCALES=1
LOGS=$OUT/logs
mkdir -p "$LOGS"
START=$(date +%s)
SUMMARY=""
FAILED=0

note() { printf '\n=== %s\n' "$*"; }

# record PHASE STATUS SECONDS DETAIL
record() {
	SUMMARY="$SUMMARY$(printf '%-9s %-5s %5ss  %s' "$1" "$2" "$3" "$4")
"
	[ "$2" = FAIL ] && FAILED=1
	return 0
}

# detail TEXT: what a phase says in the summary
detail() { printf '%s' "$*" >"$LOGS/$PHASE.detail"; }

# phase NAME FUNCTION: runs the function in a subshell (so that its
# environment stays its own), its output on the console and in
# $LOGS/NAME.log.
phase() {
	local name=$1 fn=$2 t0 rc d
	note "$name (log: $LOGS/$name.log)"
	t0=$(date +%s)
	PHASE=$name
	rm -f "$LOGS/$name.detail"
	("$fn") 2>&1 | tee "$LOGS/$name.log"
	rc=${PIPESTATUS[0]}
	d=$(cat "$LOGS/$name.detail" 2>/dev/null)
	if [ "$rc" -eq 0 ]; then
		record "$name" PASS $(($(date +%s) - t0)) "$d"
	else
		record "$name" FAIL $(($(date +%s) - t0)) "${d:+$d; }see $LOGS/$name.log"
	fi
}

# ---- setup: packages and locales -----------------------------------------------
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

fuzzer_works() {
	local d
	d=$(mktemp -d) || return 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
		'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
		>"$d/f.c"
	clang -fsanitize=fuzzer,address,undefined "$d/f.c" -o "$d/f" >/dev/null 2>&1 &&
		"$d/f" -runs=1 >/dev/null 2>&1
	local rc=$?
	rm -rf "$d"
	return $rc
}

has_locale() { locale -a 2>/dev/null | grep -qix "$1"; }

setup() {
	local missing="" p
	bash tools/deps.sh || return 1
	for p in clang valgrind locales; do
		have_pkg "$p" || missing="$missing $p"
	done
	if [ -n "$missing" ] || ! fuzzer_works; then
		echo "installing:$missing libfuzzer-14-dev libclang-rt-14-dev"
		$SUDO apt-get update -qq || return 1
		$SUDO apt-get install -y -qq --no-install-recommends $missing libfuzzer-14-dev \
			libclang-rt-14-dev || return 1
	fi
	fuzzer_works || { echo "clang cannot build a libFuzzer target"; return 1; }
	for p in de_DE id_ID; do
		if ! has_locale "$p.utf8"; then
			echo "generating the locale $p.UTF-8"
			$SUDO localedef -i "$p" -f UTF-8 "$p.UTF-8" || return 1
		fi
	done
	has_locale de_DE.utf8 && has_locale id_ID.utf8 || { echo "locales missing"; return 1; }
	detail "$(clang --version | head -1); $(valgrind --version); locales de_DE, id_ID"
}

# ---- asan: the whole suite with ASan and UBSan ----------------------------------
asan() {
	local b=$OUT/asan rc=0 libasan
	cmake -S . -B "$b" -DCMAKE_BUILD_TYPE=Debug -DCOMPLIANCE_SANITIZE=ON -DCOMPLIANCE_WERROR=ON >/dev/null || return 1
	cmake --build "$b" -j"$JOBS" || return 1
	export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	(cd "$b" && ctest --output-on-failure -j"$JOBS" -LE "install|preload|external") || rc=1
	# tests labelled "external" drive programs and servers of their own
	# (php-fpm, PostgreSQL, SQLite, Chromium, Debian packaging): they run in
	# tools/test.sh, not under the sanitizers
	# python ctypes and php FFI load the instrumented library, and a CLI test
	# preloads a shim: the runtime must come first, and the interpreters' own
	# leaks are not ours
	libasan=$(gcc -print-file-name=libasan.so)
	(cd "$b" && LD_PRELOAD=$libasan ASAN_OPTIONS=detect_leaks=0 \
		ctest --output-on-failure -L "install|preload") || rc=1
	detail "$(cd "$b" && ctest -N | tail -1 | sed 's/Total Tests: //') tests"
	return $rc
}

# ---- valgrind: unit, threads and CLI tests -------------------------------------------
valgrind_phase() {
	local b=$OUT/valgrind
	cmake -S . -B "$b" -DCMAKE_BUILD_TYPE=Debug -DCOMPLIANCE_WERROR=ON >/dev/null || return 1
	cmake --build "$b" -j"$JOBS" || return 1
	rm -rf "$b/vg" && mkdir -p "$b/vg"
	python3 - "$b" "$JOBS" <<'PY'
import json, os, shlex, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

build, jobs = sys.argv[1], int(sys.argv[2])
logs = os.path.join(build, "vg")
vg = ["valgrind", "-q", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect",
      "--show-leak-kinds=definite,indirect", "--track-origins=yes", "--num-callers=30"]
cli = os.path.join(build, "tools", "compliance")
wrapper = os.path.join(logs, "compliance")
with open(wrapper, "w") as f:
    f.write("#!/bin/sh\n# the compliance program under valgrind, for the CLI tests' scripts\n"
            "exec %s --error-exitcode=99 --log-file=%s/cli.%%p.log %s \"$@\"\n"
            % (" ".join(map(shlex.quote, vg)), shlex.quote(logs), shlex.quote(cli)))
os.chmod(wrapper, 0o755)

info = json.loads(subprocess.run(["ctest", "--show-only=json-v1"], cwd=build, check=True,
                                 capture_output=True, text=True).stdout)
runs = []
for t in info["tests"]:
    props = {p["name"]: p["value"] for p in t.get("properties", [])}
    labels = props.get("LABELS", [])
    cmd = t.get("command")
    if not cmd:
        continue
    env = dict(os.environ)
    for kv in props.get("ENVIRONMENT", []):
        k, _, v = kv.partition("=")
        env[k] = v
    cwd = props.get("WORKING_DIRECTORY", build)
    if "cli" in labels:
        if cli not in cmd:
            continue
        cmd = [wrapper if a == cli else a for a in cmd]
    elif "unit" in labels or "threads" in labels:
        log = os.path.join(logs, t["name"] + ".log")
        cmd = vg + ["--error-exitcode=99", "--log-file=" + log] + cmd
    else:
        continue
    # a test that sets up a CTest fixture (FIXTURES_SETUP: files others
    # read) runs first and to its end: this runner knows no fixtures, and a
    # reader started beside a slow writer under valgrind read a half-written
    # file (xlsx.unit and its bomb.xlsx)
    runs.append((0 if props.get("FIXTURES_SETUP") else 1, t["name"], cmd, env, cwd))
setups = [r[1:] for r in runs if r[0] == 0]
runs = [r[1:] for r in runs if r[0] == 1]

def run(r):
    name, cmd, env, cwd = r
    t0 = time.time()
    p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=1800)
    return name, p.returncode, time.time() - t0, p.stdout + p.stderr

bad = []
def report(name, rc, secs, out):
    print("%-40s %s  %6.1fs" % (name, "ok  " if rc == 0 else "FAIL", secs), flush=True)
    if rc != 0:
        bad.append(name)
        print(out[-4000:])
for r in setups:
    report(*run(r))
with ThreadPoolExecutor(max_workers=jobs) as ex:
    for res in ex.map(run, runs):
        report(*res)
reports = []
for f in sorted(os.listdir(logs)):
    p = os.path.join(logs, f)
    if f.endswith(".log") and os.path.getsize(p) > 0:
        reports.append(p)
        print("---- valgrind report %s" % p)
        print(open(p, errors="replace").read()[-6000:])
ntests = len(setups) + len(runs)
print("%d tests under valgrind, %d failed, %d valgrind reports" % (ntests, len(bad), len(reports)))
with open(os.path.join(logs, "summary"), "w") as f:
    f.write("%d tests, %d failed, %d reports" % (ntests, len(bad), len(reports)))
sys.exit(1 if bad or reports else 0)
PY
	local rc=$?
	detail "$(cat "$b/vg/summary" 2>/dev/null)"
	return $rc
}

# ---- tsan: the threads test under ThreadSanitizer -----------------------------------
tsan() {
	local b=$OUT/tsan rc
	cmake -S . -B "$b" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOMPLIANCE_BUILD_DOCS=OFF -DCOMPLIANCE_WERROR=ON \
		"-DCMAKE_C_FLAGS=-fsanitize=thread -fno-omit-frame-pointer" \
		-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread \
		-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread >/dev/null || return 1
	cmake --build "$b" -j"$JOBS" --target test_threads || return 1
	# setarch -R: ThreadSanitizer needs the usual address layout on kernels
	# with high mmap randomisation
	(cd "$b" && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
		setarch "$(uname -m)" -R ctest --output-on-failure -L threads)
	rc=$?
	detail "tests/threads: 8 threads sharing one profile"
	return $rc
}

# ---- fuzz: every libFuzzer target for FUZZ_SECONDS ------------------------------------
fuzz_one() {
	local t=$1 b=$OUT/fuzz dict="" rc
	local work=$b/work/$t art=$b/artifacts/$t
	rm -rf "$work" "$art"
	mkdir -p "$work" "$art"
	# the seeds; the bug-* inputs are replayed by the fuzz.* CTest tests
	find "tests/fuzz/corpus/$t" -maxdepth 1 -type f ! -name 'bug-*' -exec cp {} "$work/" \;
	case $t in
	fuzz_profile | fuzz_json_input) dict=tests/fuzz/profile.dict ;;
	fuzz_csv_scores | fuzz_skm | fuzz_decimal) dict=tests/fuzz/csv.dict ;;
	esac
	"$b/tests/fuzz/$t" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
		-max_len=8192 -print_final_stats=1 ${dict:+-dict=$dict} \
		-artifact_prefix="$art/" "$work" >"$LOGS/$t.log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] || [ -n "$(ls -A "$art")" ]; then
		echo "$t: FINDING (exit $rc); inputs kept in $art:"
		ls -l "$art"
		tail -60 "$LOGS/$t.log"
		return 1
	fi
	echo "$t: $(grep -a -E '^stat::number_of_executed_units' "$LOGS/$t.log" | awk '{print $2}') runs, $(ls "$work" | wc -l) inputs in the corpus, no finding"
}

fuzz() {
	local b=$OUT/fuzz t rc=0 targets="" pids="" n=0
	CC=clang cmake -S . -B "$b" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOMPLIANCE_FUZZ=ON -DCOMPLIANCE_WERROR=ON \
		-DCOMPLIANCE_BUILD_DOCS=OFF >/dev/null || return 1
	cmake --build "$b" -j"$JOBS" --target fuzzers || return 1
	for t in tests/fuzz/fuzz_*.c; do
		t=$(basename "$t" .c)
		[ -x "$b/tests/fuzz/$t" ] && targets="$targets $t"
	done
	echo "targets:$targets; $FUZZ_SECONDS s each, $JOBS at a time"
	# $JOBS targets at a time
	for t in $targets; do
		fuzz_one "$t" &
		pids="$pids $!"
		n=$((n + 1))
		if [ $n -ge "$JOBS" ]; then
			for p in $pids; do wait "$p" || rc=1; done
			pids=""
			n=0
		fi
	done
	for p in $pids; do wait "$p" || rc=1; done
	detail "$(echo $targets | wc -w) targets x ${FUZZ_SECONDS} s"
	return $rc
}

for p in $PHASES; do
	case $p in
	setup) phase setup setup ;;
	asan) phase asan asan ;;
	valgrind) phase valgrind valgrind_phase ;;
	tsan) phase tsan tsan ;;
	fuzz) phase fuzz fuzz ;;
	*) echo "unknown phase '$p' (setup, asan, valgrind, tsan, fuzz)" >&2; exit 2 ;;
	esac
done

note "summary ($(($(date +%s) - START)) s in all)"
printf '%s' "$SUMMARY"
if [ $FAILED -ne 0 ]; then
	echo "ci-extra: FAILED"
	exit 1
fi
echo "ci-extra: all passed"
