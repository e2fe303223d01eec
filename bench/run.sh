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
#    (compliance_bench skm) in any case: wall time (best of 3) and peak RSS,
#    with and without the duplicate-id check, to show whether memory grows
#    with the number of respondents; besides the field-splitting floor, the
#    floor of the job with the check (bench/skm_floor.c: splitting and the
#    simplest batched id table, with 4 KiB and with huge pages, the faster
#    counted), and the check's jobs as a multiple of it.
#
# 5. Scale (issue 8: costs that grew with the square of the input), each job
#    at two sizes with the time per row at each, so that linearity shows as
#    a ratio near 1 (a quadratic job shows the ratio of the sizes):
#    (a) 1M entities of one unit each (and 250,000), unit-score CSV;
#    (b) 10M unit-score rows (and 1M), 100 units per entity: time and peak
#        memory per row (target <= 150 bytes a row), against the
#        field-splitting floor and the job's own floor (bench/rows_floor.c:
#        the entity and unit in plain hash tables, the score as an integer,
#        one 16-byte record a row; run again keeping as many bytes a row as
#        the library's unit record);
#    (c) 100,000 units in one entity (and 400,000);
#    (d) a 100,000-node profile (and 25,000) that extends nothing: its load;
#    (e) the national file of 3. as JSON (docs/input-format.md) against the
#        CSV: the ratio of times (target <= 2) and the same output;
#    (f) the SKM duplicate-id flood: 262,144 ids crafted to share one bucket
#        of an unkeyed FNV-1a set, against as many ordinary ids.
#    Timings here are CPU time (user + system, from wait4) besides wall
#    time: the machine may be shared. A run longer than BENCH_TIMEOUT
#    seconds (default 120) is stopped and shown as "> N (stopped)".
#
# 3b. The PHP request shape through the binding (FFI), when php has FFI:
#    bench/php_request.php.
#
# Wall times are the best of BENCH_REPEAT runs (default 5) for C and wc, one
# run for Python (BENCH_PY_REPEAT). Peak memory is ru_maxrss: compliance_bench
# reads getrusage() for itself (API figures) and wait4()'s rusage for the
# programs it runs (`compliance_bench run`: the CLI, Python, wc -l); the
# Python reference also reports resource.getrusage() from inside
# (--rusage). Nothing is written outside build-bench/.
#
# Environment: BENCH_ENTITIES (600), BENCH_UNITS (7), BENCH_REPEAT (5),
# BENCH_PY_REPEAT (1), BENCH_SKM_SIZES ("100000 1000000"), BENCH_SKIP_SKM=1,
# BENCH_SKIP_SCALE=1, BENCH_TIMEOUT (120), BENCH_ENTITY_SIZES ("250000
# 1000000"), BENCH_ROW_SIZES ("1000000 10000000"; "1000000 4000000" on a
# small machine: 10M rows take about 1.3 GB and a 400 MB file),
# BENCH_ROW_REPEAT (3: the runs of 5 (b) and its floors, best CPU and wall
# time kept), BENCH_UNIT_RECORD (80: the bytes a row of the job's floor keeps
# in its second run, the size of the library's unit record), BENCH_ONE_ENTITY_SIZES ("100000 400000"), BENCH_NODE_SIZES ("25000 100000"),
# BENCH_FLOOD (262144).
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
TIMEOUT=${BENCH_TIMEOUT:-120}
ENTITY_SIZES=${BENCH_ENTITY_SIZES:-"250000 1000000"}
ROW_SIZES=${BENCH_ROW_SIZES:-"1000000 10000000"}
ONE_ENTITY_SIZES=${BENCH_ONE_ENTITY_SIZES:-"100000 400000"}
NODE_SIZES=${BENCH_NODE_SIZES:-"25000 100000"}
FLOOD=${BENCH_FLOOD:-262144}
ROW_REPEAT=${BENCH_ROW_REPEAT:-3}
UNIT_RECORD=${BENCH_UNIT_RECORD:-80} # sizeof(cp_unit): the rows floor's second run

say() { printf '%s\n' "$*" >&2; }
kv() { # kv KEY LINE: the value of KEY=... in LINE
	local k=$1 line=$2
	sed -n "s/.*\\b$k=\\([^ ]*\\).*/\\1/p" <<<"$line"
}
calc() { awk "BEGIN { printf \"%s\", $1 }"; }
verdict() { calc "($1) ? \"met\" : \"NOT met\""; }

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
say "== building compliance, compliance_bench, compliance_floor, compliance_skm_floor and compliance_rows_floor (Release)"
cmake "$B" >/dev/null # picks up targets added since the tree was configured
cmake --build "$B" -j2 --target compliance_cli compliance_bench compliance_floor \
	compliance_skm_floor compliance_rows_floor >/dev/null
CLI=$B/tools/compliance
BENCH=$B/bench/compliance_bench
FLOOR=$B/bench/compliance_floor
SKM_FLOOR=$B/bench/compliance_skm_floor
ROWS_FLOOR=$B/bench/compliance_rows_floor
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
say "== C: a PHP-request-shaped job (open a built-in, classify one score, free)"
c_open=$("$BENCH" open --repeat 100000 ombudsman-2025)
say "   $c_open"
# the same through the PHP binding (FFI), where PHP with its FFI extension is
# installed: what a php-fpm request pays (bench/php_request.php says what each
# figure is)
php_req="PHP: not measured (no php with the FFI extension on this machine)"
if command -v php >/dev/null && php -m 2>/dev/null | grep -x FFI >/dev/null; then
	say "== PHP: a request through the binding (bench/php_request.php)"
	cmake --build "$B" -j2 --target php_binding >/dev/null
	php_req=$(LD_LIBRARY_PATH=$B php -d ffi.enable=1 "$ROOT/bench/php_request.php" \
		"$B/bindings/php/autoload.php" 20000)
	say "   $php_req"
fi
say "== Python reference (best of $PY_REPEAT)"
py=$($MEASURE --repeat "$PY_REPEAT" --stdout "$DATA/out-py.csv" -- \
	"$PY" "$REF" score --rusage --profile "$PROFILE" --format csv "$INPUT" \
	2>"$DATA/py-stderr.txt")
say "   $py; from inside: $(tail -1 "$DATA/py-stderr.txt")"
py_self_rss=$(kv maxrss_kb "$(tail -1 "$DATA/py-stderr.txt")")
say "== the field-splitting floor, bench/floor.c (best of $REPEAT)"
floor_=$($MEASURE --repeat "$REPEAT" -- "$FLOOR" "$INPUT")
say "   $floor_"
say "== process start: compliance --version (best of $REPEAT)"
start_=$($MEASURE --repeat "$REPEAT" -- "$CLI" --version)
say "   $start_"
say "== wc -l (best of $REPEAT)"
wc_=$($MEASURE --repeat "$REPEAT" -- wc -l "$INPUT")
say "   $wc_"
for r in "$c_cli" "$py" "$wc_" "$floor_" "$start_"; do
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
t_floor=$(kv wall_s "$floor_")

# ---- 4. SKM ----------------------------------------------------------------------
# skm_verdict DUP CPU FLOOR_CPU MAXRSS_KB N BASE_KB JOB_FLOOR_CPU: the ratio
# of CPU times to the floor (the machine may be shared: wall time counts the
# waits for the other programs) and the memory a respondent id costs (peak RSS
# above the same job's without the duplicate check, BASE_KB, over N), against
# issue 13's targets (default: <= 4x the floor and <= 40 bytes an id; without
# the check: <= 2.5x, memory flat); with the check also the ratio to the
# job's own floor, JOB_FLOOR_CPU
skm_verdict() {
	local x b
	x=$(calc "$2 / $3")
	b=$(calc "($4 - ${6:-0}) * 1024 / $5")
	if [ -n "$1" ]; then
		printf '%.1fx floor (target <= 2.5: %s)' "$x" "$(verdict "$x <= 2.5")"
	else
		printf '%.1fx floor (target <= 4: %s), %.0f B/id of peak RSS (target <= 40: %s), %.2fx the id-table floor' \
			"$x" "$(verdict "$x <= 4")" "$b" "$(verdict "$b <= 40")" "$(calc "$2 / $7")"
	fi
}
# skm_best N COMMAND...: the output line of the run of compliance_bench skm
# with the least cpu_s, of N runs (the machine may be shared)
skm_best() {
	local n=$1 best= r i
	shift
	for i in $(seq "$n"); do
		r=$("$@")
		if [ -z "$best" ] || [ "$(calc "$(kv cpu_s "$r") < $(kv cpu_s "$best")")" = 1 ]; then
			best=$r
		fi
	done
	printf '%s\n' "$best"
}
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
		rf=$($MEASURE --repeat 3 -- "$FLOOR" "$f")
		tf=$(kv cpu_s "$rf")
		say "   SKM $n floor: $rf"
		skm_lines+=("$(printf '  %-10s %-36s %9s %10s %8s %12s %12s' "$n" "field-splitting floor" \
			"$(calc "sprintf(\"%.1f\", $fbytes / 1048576)")" \
			"$(calc "sprintf(\"%.3f\", $(kv wall_s "$rf"))")" \
			"$(calc "sprintf(\"%.3f\", $tf)")" \
			"$(calc "sprintf(\"%.0f\", $n / $(kv wall_s "$rf"))")" \
			"$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$rf") / 1024)")")")
		# the job's own floor with the duplicate check: 4 KiB pages and huge
		# pages, the faster counted
		rj=$($MEASURE --repeat 3 -- "$SKM_FLOOR" "$f")
		rjh=$($MEASURE --repeat 3 -- "$SKM_FLOOR" --huge "$f")
		say "   SKM $n id-table floor: $rj"
		say "   SKM $n id-table floor, huge pages: $rjh"
		jlabel="id-table floor, 4 KiB pages"
		jnote="(huge pages: CPU $(kv cpu_s "$rjh") s)"
		if [ "$(calc "$(kv cpu_s "$rjh") < $(kv cpu_s "$rj")")" = 1 ]; then
			jlabel="id-table floor, huge pages"
			jnote="(4 KiB pages: CPU $(kv cpu_s "$rj") s)"
			rj=$rjh
		fi
		tj=$(kv cpu_s "$rj")
		skm_lines+=("$(printf '  %-10s %-36s %9s %10s %8s %12s %12s   %s' "$n" "$jlabel" \
			"$(calc "sprintf(\"%.1f\", $fbytes / 1048576)")" \
			"$(calc "sprintf(\"%.3f\", $(kv wall_s "$rj"))")" \
			"$(calc "sprintf(\"%.3f\", $tj)")" \
			"$(calc "sprintf(\"%.0f\", $n / $(kv wall_s "$rj"))")" \
			"$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$rj") / 1024)")" "$jnote")")
		base_kb=
		for dup in "--no-duplicate-check" ""; do
			label="API${dup:+ $dup}"
			r=$(skm_best 3 "$BENCH" skm $dup "$f")
			say "   SKM $n $label: $r"
			[ -n "$dup" ] && base_kb=$(kv maxrss_kb "$r")
			skm_lines+=("$(printf '  %-10s %-36s %9s %10s %8s %12s %12s   IKM %s %s   %s' "$n" "$label" \
				"$(calc "sprintf(\"%.1f\", $fbytes / 1048576)")" \
				"$(calc "sprintf(\"%.3f\", $(kv wall_s "$r"))")" \
				"$(calc "sprintf(\"%.3f\", $(kv cpu_s "$r"))")" \
				"$(calc "sprintf(\"%.0f\", $n / $(kv wall_s "$r"))")" \
				"$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$r") / 1024)")" \
				"$(kv ikm "$r")" "$(kv category "$r")" \
				"$(skm_verdict "$dup" "$(kv cpu_s "$r")" "$tf" "$(kv maxrss_kb "$r")" "$n" "$base_kb" "$tj")")")
			if [ "$skm_cli" = 1 ]; then
				label="compliance skm${dup:+ $dup}"
				r=$($MEASURE --repeat 3 --stdout "$DATA/out-skm.txt" -- \
					"$CLI" skm --format csv $dup "$f")
				say "   SKM $n $label: $r"
				if [ "$(kv status "$r")" != 0 ]; then
					skm_lines+=("  $n  $label: failed (status $(kv status "$r"))")
				else
					skm_lines+=("$(printf '  %-10s %-36s %9s %10s %8s %12s %12s   %s' "$n" "$label" \
						"$(calc "sprintf(\"%.1f\", $fbytes / 1048576)")" \
						"$(calc "sprintf(\"%.3f\", $(kv wall_s "$r"))")" \
						"$(calc "sprintf(\"%.3f\", $(kv cpu_s "$r"))")" \
						"$(calc "sprintf(\"%.0f\", $n / $(kv wall_s "$r"))")" \
						"$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$r") / 1024)")" \
						"$(skm_verdict "$dup" "$(kv cpu_s "$r")" "$tf" "$(kv maxrss_kb "$r")" "$n" "$base_kb" "$tj")")")
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
		skm_lines+=("$(printf '  %-10s %-36s %9s %10s %8s %12s %12s   IKM %s %s' "$n" "API, crafted colliding ids" \
			"$(calc "sprintf(\"%.1f\", $(stat -c %s "$f") / 1048576)")" \
			"$(calc "sprintf(\"%.3f\", $(kv wall_s "$r"))")" \
			"$(calc "sprintf(\"%.3f\", $(kv cpu_s "$r"))")" \
			"$(calc "sprintf(\"%.0f\", $n / $(kv wall_s "$r"))")" \
			"$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$r") / 1024)")" \
			"$(kv ikm "$r")" "$(kv category "$r")")")
	done
fi

# ---- 5. scale ----------------------------------------------------------------------
scale_lines=()
gen_once() { # gen_once FILE ARGS...: runs gen.py ARGS unless this gen.py made FILE so
	local f=$1 st
	shift
	st="$(sha1sum "$ROOT/bench/gen.py" | cut -c1-12) $*"
	if [ ! -f "$f" ] || [ "$(cat "$f.stamp" 2>/dev/null)" != "$st" ]; then
		say "== generating $(basename "$f")"
		$PY "$ROOT/bench/gen.py" "$@" >&2
		echo "$st" >"$f.stamp"
	fi
}
# scale_row JOB N ROWS RESULT: one line of the scale table from a `run` result
scale_row() {
	local job=$1 n=$2 rows=$3 r=$4 wall cpu rss
	wall=$(kv wall_s "$r")
	cpu=$(kv cpu_s "$r")
	rss=$(kv maxrss_kb "$r")
	if [ "$(kv timeout "$r")" = 1 ]; then
		scale_lines+=("$(printf '  %-34s %10s %11s %19s' "$job" "$n" "$rows" \
			"> $TIMEOUT (stopped)")")
	elif [ "$(kv status "$r")" != 0 ]; then
		scale_lines+=("  $job $n: failed (status $(kv status "$r"))")
	else
		scale_lines+=("$(printf '  %-34s %10s %11s %10.3f %8.3f %11.3f %8.1f MiB %10.0f' \
			"$job" "$n" "$rows" "$wall" "$cpu" "$(calc "$cpu * 1e6 / $rows")" \
			"$(calc "$rss / 1024")" "$(calc "$rss * 1024 / $rows")")")
	fi
}
# per_row RESULT ROWS: CPU microseconds a row, or nothing when the run did not finish
per_row() {
	if [ "$(kv timeout "$1")" != 1 ] && [ "$(kv status "$1")" = 0 ]; then
		calc "$(kv cpu_s "$1") * 1e6 / $2"
	fi
}
# linear JOB SMALL_N SMALL_PER_ROW BIG_N BIG_PER_ROW
linear() {
	if [ -z "$3" ] || [ -z "$5" ]; then
		scale_lines+=("  -> $1: did not finish within $TIMEOUT s at some size: NOT shown linear")
	else
		scale_lines+=("  -> $1: CPU time a row at $4 / at $2 = $(calc "sprintf(\"%.2f\", $5 / $3)") (linear ~1; quadratic ~$(calc "sprintf(\"%.0f\", $4 / $2)"))")
	fi
}
# sizes_job LABEL KIND SIZES: runs `compliance score` on generated unit scores
sizes_job() {
	local label=$1 kind=$2 sizes=$3 n f r pr rep first_n= first_pr= last_n= last_pr= mem=
	for n in $sizes; do
		f=$DATA/$kind-$n.csv
		case $kind in
		entities) gen_once "$f" units "$f" --entities "$n" --units 1 ;;
		rows) gen_once "$f" units "$f" --entities $((n / 100)) --units 100 ;;
		one-entity) gen_once "$f" units "$f" --entities 1 --units "$n" ;;
		esac
		rep=1
		[ "$kind" = rows ] && rep=$ROW_REPEAT
		r=$($MEASURE --repeat "$rep" --timeout "$TIMEOUT" -- "$CLI" score --profile ombudsman-2023 \
			--format csv "$f" || true)
		say "   $kind $n: $r"
		if [ "$kind" = rows ] && [ "$(kv status "$r")" = 0 ]; then
			rf=$($MEASURE --repeat "$rep" -- "$FLOOR" "$f")
			x=$(calc "$(kv wall_s "$r") / $(kv wall_s "$rf")")
			scale_lines+=("  -> (b) $n rows: floor $(kv wall_s "$rf") s; the CLI $(calc "sprintf(\"%.1f\", $x)")x the floor   target <= 5: $(verdict "$x <= 5")")
			# the job's own floor (bench/rows_floor.c): split, the entity
			# and unit in plain hash tables, the score as an integer, one
			# 16-byte record a row; CPU time (the machine may be shared)
			rj=$($MEASURE --repeat "$rep" -- "$ROWS_FLOOR" "$f")
			if [ "$(kv status "$rj")" = 0 ]; then
				scale_lines+=("  -> (b) $n rows: the job's floor (rows_floor.c) CPU $(kv cpu_s "$rj") s, $(calc "sprintf(\"%.1f\", $(kv cpu_s "$rj") / $(kv cpu_s "$rf"))")x the splitting floor's, peak $(calc "sprintf(\"%.0f\", $(kv maxrss_kb "$rj") * 1024 / $n)") B/row; the CLI's CPU $(calc "sprintf(\"%.1f\", $(kv cpu_s "$r") / $(kv cpu_s "$rj"))")x the job's floor, $(calc "sprintf(\"%.1f\", $(kv cpu_s "$r") / $(kv cpu_s "$rf"))")x the splitting floor's")
			else
				scale_lines+=("  -> (b) $n rows: the job's floor failed: $rj")
			fi
			# the same floor keeping as many bytes a row as the library's
			# unit record (sizeof(cp_unit), src/score/values.h): what the
			# bytes a row keeps cost, apart from the work
			rk=$($MEASURE --repeat "$rep" -- "$ROWS_FLOOR" --record-bytes "$UNIT_RECORD" "$f")
			if [ "$(kv status "$rk")" = 0 ]; then
				scale_lines+=("  -> (b) $n rows: the job's floor with a $UNIT_RECORD-byte record a row CPU $(kv cpu_s "$rk") s, $(calc "sprintf(\"%.1f\", $(kv cpu_s "$rk") / $(kv cpu_s "$rf"))")x the splitting floor's, peak $(calc "sprintf(\"%.0f\", $(kv maxrss_kb "$rk") * 1024 / $n)") B/row; the CLI's CPU $(calc "sprintf(\"%.1f\", $(kv cpu_s "$r") / $(kv cpu_s "$rk"))")x it")
			else
				scale_lines+=("  -> (b) $n rows: the job's floor with $UNIT_RECORD-byte records failed: $rk")
			fi
		fi
		scale_row "$label" "$n" "$n" "$r"
		pr=$(per_row "$r" "$n")
		if [ -z "$first_n" ]; then first_n=$n first_pr=$pr; fi
		last_n=$n last_pr=$pr
		if [ -n "$pr" ]; then
			mem="$mem $(calc "sprintf(\"%.0f\", $(kv maxrss_kb "$r") * 1024 / $n)") at $n;"
		fi
	done
	linear "$label" "$first_n" "$first_pr" "$last_n" "$last_pr"
	if [ "$kind" = rows ]; then
		scale_lines+=("  -> $label: peak RSS bytes a row:$mem target <= 150")
	fi
}
if [ "${BENCH_SKIP_SCALE:-0}" != 1 ]; then
	say "== scale (a): entities of one unit: $ENTITY_SIZES"
	sizes_job "(a) entities of one unit" entities "$ENTITY_SIZES"
	say "== scale (b): unit-score rows, 100 units an entity: $ROW_SIZES"
	sizes_job "(b) unit-score rows" rows "$ROW_SIZES"
	say "== scale (c): units in one entity: $ONE_ENTITY_SIZES"
	sizes_job "(c) units in one entity" one-entity "$ONE_ENTITY_SIZES"

	say "== scale (d): profile nodes: $NODE_SIZES"
	printf 'entity,entity_type,unit,score\nKota Contoh,kota,Unit 1,80.00\n' >"$DATA/one-row.csv"
	first_n= first_pr= last_n= last_pr=
	for n in $NODE_SIZES; do
		f=$DATA/profile-$n.json
		gen_once "$f" big-profile "$f" --nodes "$n"
		r=$($MEASURE --timeout "$TIMEOUT" --stdout "$DATA/out-profile.txt" -- \
			"$BENCH" score "$f" "$DATA/one-row.csv" || true)
		say "   $n nodes: $r; $(cat "$DATA/out-profile.txt" 2>/dev/null)"
		scale_row "(d) profile nodes (load, 1 row)" "$n" "$n" "$r"
		pr=$(per_row "$r" "$n")
		if [ -z "$first_n" ]; then first_n=$n first_pr=$pr; fi
		last_n=$n last_pr=$pr
	done
	linear "(d) profile nodes" "$first_n" "$first_pr" "$last_n" "$last_pr"

	say "== scale (e): the national file as JSON"
	JSON_INPUT=$DATA/answers-national.json
	gen_once "$JSON_INPUT" national-json "$INPUT" "$JSON_INPUT"
	jrep=$((REPEAT < 3 ? REPEAT : 3))
	rcsv=$($MEASURE --repeat "$jrep" --timeout "$TIMEOUT" --stdout "$DATA/out-csv2.csv" -- \
		"$CLI" score --profile "$PROFILE" --format csv "$INPUT" || true)
	rjson=$($MEASURE --repeat "$jrep" --timeout "$TIMEOUT" --stdout "$DATA/out-json.csv" -- \
		"$CLI" score --profile "$PROFILE" --format csv "$JSON_INPUT" || true)
	say "   CSV: $rcsv"
	say "   JSON: $rjson"
	scale_row "(e) national as CSV (best of $jrep)" "$ROWS" "$ROWS" "$rcsv"
	scale_row "(e) national as JSON (best of $jrep)" "$ROWS" "$ROWS" "$rjson"
	if [ "$(kv timeout "$rjson")" = 1 ]; then
		scale_lines+=("  -> (e) JSON / CSV: > $(calc "sprintf(\"%.0f\", $TIMEOUT / $(kv wall_s "$rcsv"))")x (JSON stopped)   target <= 2: NOT met")
	elif [ "$(kv status "$rjson")" = 0 ]; then
		if cmp -s "$DATA/out-csv2.csv" "$DATA/out-json.csv"; then jsame=identical; else jsame=DIFFERENT; fi
		jr=$(calc "$(kv wall_s "$rjson") / $(kv wall_s "$rcsv")")
		scale_lines+=("  -> (e) JSON / CSV: $(calc "sprintf(\"%.2f\", $jr)")x wall, $(calc "sprintf(\"%.2f\", $(kv cpu_s "$rjson") / $(kv cpu_s "$rcsv"))")x CPU; outputs $jsame   target <= 2: $(verdict "$jr <= 2")")
	fi

	if "$CLI" skm --help >/dev/null 2>&1; then
		say "== scale (f): the SKM duplicate-id flood, $FLOOD ids"
		fl=$DATA/skm-flood-$FLOOD.csv
		gen_once "$fl" skm "$fl" --respondents "$FLOOD" --flood
		ord=$DATA/skm-ordinary-$FLOOD.csv
		gen_once "$ord" skm "$ord" --respondents "$FLOOD"
		rord=$($MEASURE --timeout "$TIMEOUT" -- "$CLI" skm --format csv "$ord" || true)
		rflood=$($MEASURE --timeout "$TIMEOUT" -- "$CLI" skm --format csv "$fl" || true)
		say "   ordinary ids: $rord"
		say "   crafted ids: $rflood"
		scale_row "(f) SKM, ordinary ids" "$FLOOD" "$FLOOD" "$rord"
		scale_row "(f) SKM, crafted ids (flood)" "$FLOOD" "$FLOOD" "$rflood"
		if [ "$(kv timeout "$rflood")" = 1 ]; then
			scale_lines+=("  -> (f) crafted / ordinary: > $(calc "sprintf(\"%.0f\", $TIMEOUT / $(kv cpu_s "$rord"))")x CPU (flood stopped)")
		elif [ "$(kv status "$rflood")" = 0 ]; then
			scale_lines+=("  -> (f) crafted / ordinary: $(calc "sprintf(\"%.2f\", $(kv cpu_s "$rflood") / $(kv cpu_s "$rord"))")x CPU (unflooded ~1)")
		fi
	else
		scale_lines+=("  (f) 'compliance skm' is not in this build of the program")
	fi
fi

# ---- summary -------------------------------------------------------------------------
ratio_py=$(calc "sprintf(\"%.1f\", $t_py / $t_cli)")
ratio_py_api=$(calc "sprintf(\"%.1f\", $t_py / $t_api)")
ratio_wc=$(calc "sprintf(\"%.1f\", $t_cli / $t_wc)")
ratio_wc_api=$(calc "sprintf(\"%.1f\", $t_api / $t_wc)")
ratio_floor=$(calc "sprintf(\"%.1f\", $t_cli / $t_floor)")
ratio_floor_api=$(calc "sprintf(\"%.1f\", $t_api / $t_floor)")

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
printf '  %-38s %10.3f %17.0f %12s\n' "field-splitting floor (bench/floor.c)" "$t_floor" \
	"$(calc "$ROWS / $t_floor")" "$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$floor_") / 1024)")"
printf '  %-38s %10.3f %17s %12s\n' "process start (compliance --version)" \
	"$(kv wall_s "$start_")" "" "$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$start_") / 1024)")"
printf '  %-38s %10.3f %17.0f %12s\n' "wc -l" "$t_wc" \
	"$(calc "$ROWS / $t_wc")" "$(calc "sprintf(\"%.1f MiB\", $(kv maxrss_kb "$wc_") / 1024)")"
cat <<EOF

  API phases (first run): load profile $(kv load_s "$c_api") s, read CSV $(kv read_s "$c_api") s, compute $(kv compute_s "$c_api") s
  request shape: $c_open   (target < 1 us after the first open)
  PHP request:   $php_req
                 (us: load_us = FFI::load of the header, paid by each request without the
                 preload recipe; first_us = the first classify of a worker; request_us =
                 open + classify + free afterwards, what a request pays under the recipe)
  C and Python outputs: $same

  C vs Python:  ${ratio_py}x faster (CLI), ${ratio_py_api}x (API)    target >= 100x: $(verdict "$t_py / $t_cli >= 100")
  C vs floor:   ${ratio_floor}x the field-splitting floor (CLI), ${ratio_floor_api}x (API)   target <= 3x: $(verdict "$t_cli / $t_floor <= 3")
  C vs wc -l:   ${ratio_wc}x the time of wc -l (CLI), ${ratio_wc_api}x (API)
EOF
if [ "${#skm_lines[@]}" -gt 0 ]; then
	cat <<EOF

SKM (Permenpan RB 14/2017), respondent,U1..U9 answers 1-4, best of 3 runs each (the flood: one);
ratios of CPU time (user + system; the API's in process, the programs' whole): wall time on a
shared machine counts the waits for the others
  respondents  how                                     MiB   wall (s)  CPU (s)  respondents/s     peak RSS
EOF
	printf '%s\n' "${skm_lines[@]}"
	if [ "$skm_cli" = 0 ]; then
		echo "  ('compliance skm' is not wired into this build of the program: API figures only)"
	fi
fi
if [ "${#scale_lines[@]}" -gt 0 ]; then
	cat <<EOF

scale (issue 8): one run each unless said; CPU = the program's user + system time
EOF
	printf '  %-34s %10s %11s %10s %8s %11s %12s %10s\n' job size rows "wall (s)" "CPU (s)" \
		"CPU us/row" "peak RSS" "bytes/row"
	printf '%s\n' "${scale_lines[@]}"
fi
