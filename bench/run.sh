#!/usr/bin/env bash
# The libcompliance benchmark: one command, `bash bench/run.sh`.
#
# 1. Builds a Release tree in build-bench/ (configured once; rebuilt
#    incrementally every run).
# 2. Generates national-scale data deterministically under build-bench/data/:
#    600 entities x 7 units x 40 indicators (4 dimensions x 10 indicators,
#    0-3 scales, a profile extending ombudsman-2023), the CSV long format.
# 3. Times on that file: (a) the C library, through the `compliance` program
#    and in process through compliance_bench (the API); (b) the Python
#    reference tests/reference/compliance_ref.py; (c) `wc -l`. Reports rows,
#    bytes, wall time, rows/s, peak memory and the ratios C vs Python
#    (target >= 100x) and C vs wc -l (target within 5x), and checks that C and
#    Python print the same table.
# 4. SKM: 100,000 and 1,000,000 respondents (respondent,U1..U9, answers 1-4),
#    through `compliance skm` when the program has it, and through the API
#    (compliance_bench skm) in any case: wall time and peak RSS, with and
#    without the duplicate-id check, to show whether memory grows with the
#    number of respondents.
#
# Wall times are the best of BENCH_REPEAT runs (default 5) for C and wc, one
# run for Python (BENCH_PY_REPEAT). Peak memory is ru_maxrss: compliance_bench
# reads getrusage() for itself (API figures) and wait4()'s rusage for the
# programs it runs (`compliance_bench run`: the CLI, Python, wc -l); the
# Python reference also reports resource.getrusage() from inside
# (--rusage). Nothing is written outside build-bench/.
#
# Environment: BENCH_ENTITIES (600), BENCH_UNITS (7), BENCH_REPEAT (5),
# BENCH_PY_REPEAT (1), BENCH_SKM_SIZES ("100000 1000000"), BENCH_SKIP_SKM=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=$ROOT/build-bench
DATA=$B/data
PY=${PYTHON:-python3}
ENTITIES=${BENCH_ENTITIES:-600}
UNITS=${BENCH_UNITS:-7}
REPEAT=${BENCH_REPEAT:-5}
PY_REPEAT=${BENCH_PY_REPEAT:-1}
SKM_SIZES=${BENCH_SKM_SIZES:-"100000 1000000"}

say() { printf '%s\n' "$*" >&2; }
kv() { # kv KEY LINE: the value of KEY=... in LINE
	local k=$1 line=$2
	sed -n "s/.*\\b$k=\\([^ ]*\\).*/\\1/p" <<<"$line"
}
calc() { awk "BEGIN { printf \"%s\", $1 }"; }

# ---- 1. build ------------------------------------------------------------------
if [ ! -f "$B/CMakeCache.txt" ]; then
	say "== configuring a Release tree in build-bench/"
	cmake -S "$ROOT" -B "$B" -DCMAKE_BUILD_TYPE=Release -DCOMPLIANCE_BUILD_TESTS=OFF \
		-DCOMPLIANCE_BUILD_DOCS=OFF >/dev/null
fi
if ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$B/CMakeCache.txt"; then
	say "bench: build-bench/ is not a Release tree; remove it and run again"
	exit 2
fi
say "== building compliance and compliance_bench (Release)"
cmake --build "$B" -j2 --target compliance_cli compliance_bench >/dev/null
CLI=$B/tools/compliance
BENCH=$B/bench/compliance_bench
REF=$ROOT/tests/reference/compliance_ref.py
MEASURE="$BENCH run"

# ---- 2. data -------------------------------------------------------------------
mkdir -p "$DATA"
stamp="$(sha1sum "$ROOT/bench/gen.py" | cut -c1-12)-$ENTITIES-$UNITS"
if [ "$(cat "$DATA/national.stamp" 2>/dev/null)" != "$stamp" ]; then
	say "== generating national data: $ENTITIES entities x $UNITS units x 40 indicators"
	$PY "$ROOT/bench/gen.py" national "$DATA" --entities "$ENTITIES" --units "$UNITS" >&2
	echo "$stamp" >"$DATA/national.stamp"
fi
PROFILE=$DATA/profile-2023-bench.json
INPUT=$DATA/answers-national.csv
ROWS=$(($(wc -l <"$INPUT") - 1))
BYTES=$(stat -c %s "$INPUT")

# ---- 3. scoring ------------------------------------------------------------------
say "== C: compliance score (best of $REPEAT)"
c_cli=$($MEASURE --repeat "$REPEAT" --stdout "$DATA/out-c.csv" -- \
	"$CLI" score --profile "$PROFILE" --format csv "$INPUT")
say "   $c_cli"
say "== C: compliance_bench score, the API in process (best of $REPEAT)"
c_api=$("$BENCH" score --repeat "$REPEAT" "$PROFILE" "$INPUT")
say "   $c_api"
say "== Python reference (best of $PY_REPEAT)"
py=$($MEASURE --repeat "$PY_REPEAT" --stdout "$DATA/out-py.csv" -- \
	"$PY" "$REF" score --rusage --profile "$PROFILE" --format csv "$INPUT" \
	2>"$DATA/py-stderr.txt")
say "   $py; from inside: $(tail -1 "$DATA/py-stderr.txt")"
py_self_rss=$(kv maxrss_kb "$(tail -1 "$DATA/py-stderr.txt")")
say "== wc -l (best of $REPEAT)"
wc_=$($MEASURE --repeat "$REPEAT" -- wc -l "$INPUT")
say "   $wc_"
for r in "$c_cli" "$py" "$wc_"; do
	if [ "$(kv status "$r")" != 0 ]; then
		say "bench: a timed command failed: $r"
		exit 1
	fi
done
if cmp -s "$DATA/out-c.csv" "$DATA/out-py.csv"; then
	same="identical ($(($(wc -l <"$DATA/out-c.csv") - 1)) entities)"
else
	same="DIFFERENT (see $DATA/out-c.csv and out-py.csv)"
fi

t_cli=$(kv wall_s "$c_cli")
t_api=$(kv best_wall_s "$c_api")
t_py=$(kv wall_s "$py")
t_wc=$(kv wall_s "$wc_")

# ---- 4. SKM ----------------------------------------------------------------------
skm_lines=()
if [ "${BENCH_SKIP_SKM:-0}" != 1 ]; then
	if "$CLI" skm --help >/dev/null 2>&1; then
		skm_cli=1
	else
		skm_cli=0
		say "== SKM: 'compliance skm' is not in this build of the program; the API only"
	fi
	for n in $SKM_SIZES; do
		f=$DATA/skm-$n.csv
		if [ ! -f "$f" ] || [ "$(cat "$f.stamp" 2>/dev/null)" != "$stamp" ]; then
			say "== generating an SKM survey of $n respondents"
			$PY "$ROOT/bench/gen.py" skm "$f" --respondents "$n" >&2
			echo "$stamp" >"$f.stamp"
		fi
		fbytes=$(stat -c %s "$f")
		for dup in "" "--no-duplicate-check"; do
			label="API${dup:+ $dup}"
			r=$("$BENCH" skm $dup "$f")
			say "   SKM $n $label: $r"
			skm_lines+=("$(printf '  %-10s %-36s %9s %10s %12s %12s   IKM %s %s' "$n" "$label" \
				"$(calc "sprintf(\"%.1f\", $fbytes / 1048576)")" \
				"$(calc "sprintf(\"%.3f\", $(kv wall_s "$r"))")" \
				"$(calc "sprintf(\"%.0f\", $n / $(kv wall_s "$r"))")" \
				"$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$r") / 1024)")" \
				"$(kv ikm "$r")" "$(kv category "$r")")")
			if [ "$skm_cli" = 1 ]; then
				label="compliance skm${dup:+ $dup}"
				r=$($MEASURE --repeat 1 --stdout "$DATA/out-skm.txt" -- \
					"$CLI" skm --format csv $dup "$f")
				say "   SKM $n $label: $r"
				if [ "$(kv status "$r")" != 0 ]; then
					skm_lines+=("  $n  $label: failed (status $(kv status "$r"))")
				else
					skm_lines+=("$(printf '  %-10s %-36s %9s %10s %12s %12s' "$n" "$label" \
						"$(calc "sprintf(\"%.1f\", $fbytes / 1048576)")" \
						"$(calc "sprintf(\"%.3f\", $(kv wall_s "$r"))")" \
						"$(calc "sprintf(\"%.0f\", $n / $(kv wall_s "$r"))")" \
						"$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$r") / 1024)")")")
				fi
			fi
		done
		# ids crafted to collide in an unkeyed FNV-1a table (the 0.1 flood):
		# with the keyed table the time must stay linear in n
		f=$DATA/skm-flood-$n.csv
		if [ ! -f "$f" ] || [ "$(cat "$f.stamp" 2>/dev/null)" != "$stamp" ]; then
			say "== generating an SKM survey of $n crafted respondent ids"
			$PY "$ROOT/bench/gen.py" skm "$f" --respondents "$n" --flood >&2
			echo "$stamp" >"$f.stamp"
		fi
		r=$("$BENCH" skm "$f")
		say "   SKM $n API crafted ids: $r"
		skm_lines+=("$(printf '  %-10s %-36s %9s %10s %12s %12s   IKM %s %s' "$n" "API, crafted colliding ids" \
			"$(calc "sprintf(\"%.1f\", $(stat -c %s "$f") / 1048576)")" \
			"$(calc "sprintf(\"%.3f\", $(kv wall_s "$r"))")" \
			"$(calc "sprintf(\"%.0f\", $n / $(kv wall_s "$r"))")" \
			"$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$r") / 1024)")" \
			"$(kv ikm "$r")" "$(kv category "$r")")")
	done
fi

# ---- summary -------------------------------------------------------------------------
ratio_py=$(calc "sprintf(\"%.1f\", $t_py / $t_cli)")
ratio_py_api=$(calc "sprintf(\"%.1f\", $t_py / $t_api)")
ratio_wc=$(calc "sprintf(\"%.1f\", $t_cli / $t_wc)")
ratio_wc_api=$(calc "sprintf(\"%.1f\", $t_api / $t_wc)")
verdict() { calc "($1) ? \"met\" : \"NOT met\""; }

cat <<EOF

libcompliance benchmark ($(uname -m), $(nproc) CPUs; $(date -u +%Y-%m-%dT%H:%MZ); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?"))

national scoring: $ENTITIES entities x $UNITS units x 40 indicators
  input          $INPUT
  rows           $ROWS data rows, $BYTES bytes ($(calc "sprintf(\"%.1f\", $BYTES / 1048576)") MiB)
  profile        $PROFILE

  what                                 wall (s)            rows/s     peak RSS
EOF
printf '  %-38s %10.3f %17.0f %12s\n' "C: compliance score --format csv" "$t_cli" \
	"$(calc "$ROWS / $t_cli")" "$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$c_cli") / 1024)")"
printf '  %-38s %10.3f %17.0f %12s\n' "C: API in process (compliance_bench)" "$t_api" \
	"$(calc "$ROWS / $t_api")" "$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$c_api") / 1024)")"
printf '  %-38s %10.3f %17.0f %12s\n' "Python reference (compliance_ref.py)" "$t_py" \
	"$(calc "$ROWS / $t_py")" "$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$py") / 1024)")"
printf '  %-38s %10s %17s %12s\n' "  (its own resource.getrusage)" "" "" \
	"$(calc "sprintf(\"%.1f MiB\", ${py_self_rss:-0} / 1024)")"
printf '  %-38s %10.3f %17.0f %12s\n' "wc -l" "$t_wc" \
	"$(calc "$ROWS / $t_wc")" "$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$wc_") / 1024)")"
cat <<EOF

  API phases (first run): load profile $(kv load_s "$c_api") s, read CSV $(kv read_s "$c_api") s, compute $(kv compute_s "$c_api") s
  C and Python outputs: $same

  C vs Python:  ${ratio_py}x faster (CLI), ${ratio_py_api}x (API)    target >= 100x: $(verdict "$t_py / $t_cli >= 100")
  C vs wc -l:   ${ratio_wc}x the time of wc -l (CLI), ${ratio_wc_api}x (API)   target <= 5x: $(verdict "$t_cli / $t_wc <= 5")
EOF
if [ "${#skm_lines[@]}" -gt 0 ]; then
	cat <<EOF

SKM (Permenpan RB 14/2017), respondent,U1..U9 answers 1-4, one run each
  respondents  how                                     MiB   wall (s)  respondents/s     peak RSS
EOF
	printf '%s\n' "${skm_lines[@]}"
	if [ "$skm_cli" = 0 ]; then
		echo "  ('compliance skm' is not wired into this build of the program: API figures only)"
	fi
fi
