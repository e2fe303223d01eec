#!/usr/bin/env bash
# End-to-end tests of `compliance skm`. Usage: skm_test.sh BIN DATA CASE
# Each CASE is one function below; CTest runs each as its own test:
#   skm_table skm_csv skm_listwise skm_json skm_stdin skm_tie skm_bad_input
#   skm_compute_errors skm_usage skm_profile
# Expected values are derived by hand in tests/unit/test_skm.c.
set -u
BIN=$1
DATA=$2
CASE=$3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C

HEADER="respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9"
CSV_HEADER="respondents,ikm,category,label,nrr_U1,nrr_U2,nrr_U3,nrr_U4,nrr_U5,nrr_U6,nrr_U7,nrr_U8,nrr_U9"

fail() { echo "FAIL: $*" >&2; exit 1; }

# run ARGS... : runs `BIN skm ARGS...`; stdout in $out, stderr in $err, status in $status
run() {
	"$BIN" skm "$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

# expect_bad STATUS PATTERN: bad input gives that status, a message matching
# PATTERN (fixed string) on stderr, and nothing on stdout.
expect_bad() {
	[ "$status" -eq "$1" ] || fail "expected exit $1, got $status (stderr: $err)"
	[ -z "$out" ] || fail "expected no output on bad input, got: $out"
	grep -qF -- "$2" "$TMP/err" || fail "stderr lacks '$2': $err"
}

# has LINE: stdout has exactly this line
has() {
	grep -qxF -- "$1" "$TMP/out" || fail "no line '$1' in: $out"
}

# has13 LINE: the CSV output has a row whose first 13 fields (respondents,
# IKM, category, label, the nine NRRs) are LINE; the later columns (NRR
# bands, the templates' weights, scope, group) are checked by the cases
# of SKM exports below.
has13() {
	cut -d, -f1-13 "$TMP/out" | grep -qxF -- "$1" || fail "no row '$1' in: $(cat "$TMP/out")"
}

case_skm_table() {
	run "$DATA/skm-example.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	[ -z "$err" ] || fail "stderr: $err"
	has "method       skm-2017 (Permenpan RB 14/2017)"
	has "missing      available (each element's NRR over those who answered it)"
	has "respondents  6 (read 6, complete 5, blank 0, dropped 0)"
	# each NRR's band: NRR x 25 against 88.31, 76.61, 65.00 (10/3 x 25 =
	# 83.33: B; 3.6 x 25 = 90: A; 3.5 x 25 = 87.5: B)
	has "U1             6  3.333  10/3       B  Baik         Persyaratan"
	has "U4             5  3.600  3.6        A  Sangat Baik  Biaya/Tarif"
	has "U9             6  3.500  3.5        B  Baik         Sarana dan Prasarana"
	has "IKM          84.54 (exact 4565/54)"
	has "category     B"
	has "label        Baik"
}

case_skm_csv() {
	run --format csv "$DATA/skm-example.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	expected=$(printf '%s\n%s' "$CSV_HEADER" \
		"6,84.54,B,Baik,3.333,3.333,3.333,3.600,3.167,3.500,3.500,3.167,3.500")
	[ "$(cut -d, -f1-13 "$TMP/out")" = "$expected" ] || fail "got: $out"
}

case_skm_listwise() {
	run --missing listwise --format csv "$DATA/skm-example.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	expected=$(printf '%s\n%s' "$CSV_HEADER" \
		"5,85.56,B,Baik,3.400,3.400,3.400,3.600,3.200,3.400,3.600,3.200,3.600")
	[ "$(cut -d, -f1-13 "$TMP/out")" = "$expected" ] || fail "got: $out"
	run --format table --missing listwise "$DATA/skm-example.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	has "missing      listwise (respondents with any blank answer dropped)"
	has "respondents  5 (read 6, complete 5, blank 0, dropped 1)"
	has "IKM          85.56 (exact 770/9)"
	run --missing available --format csv "$DATA/skm-example.csv"
	has13 "6,84.54,B,Baik,3.333,3.333,3.333,3.600,3.167,3.500,3.500,3.167,3.500"
}

case_skm_json() {
	run --format json "$DATA/skm-example.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	python3 - "$TMP/out" <<'PY' || fail "json check failed: $out"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["profile"] == "skm-2017" and r["source"] == "Permenpan RB 14/2017", r
assert r["missing"] == "available", r
assert r["respondents"] == 6 and r["respondents_read"] == 6, r
assert r["complete"] == 5 and r["blank"] == 0 and r["dropped"] == 0, r
assert r["ikm"] == "84.54" and r["ikm_exact"] == "4565/54", r
assert r["category"] == "B" and r["label"] == "Baik", r
els = r["elements"]
assert [e["element"] for e in els] == ["U%d" % i for i in range(1, 10)], els
assert [e["nrr_exact"] for e in els] == ["10/3", "10/3", "10/3", "3.6", "19/6",
                                         "3.5", "3.5", "19/6", "3.5"], els
assert [e["answers"] for e in els] == [6, 6, 6, 5, 6, 6, 6, 6, 6], els
assert els[0]["nrr"] == "3.333" and els[3]["name"] == "Biaya/Tarif", els
PY
	run --format json --missing listwise "$DATA/skm-example.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	python3 - "$TMP/out" <<'PY' || fail "json listwise check failed: $out"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["missing"] == "listwise" and r["respondents"] == 5 and r["dropped"] == 1, r
assert r["ikm"] == "85.56" and r["ikm_exact"] == "770/9", r
assert all(e["answers"] == 5 for e in r["elements"]), r
PY
}

case_skm_stdin() {
	"$BIN" skm --format csv - <"$DATA/skm-example.csv" >"$TMP/out" 2>"$TMP/err" \
		|| fail "status $?: $(cat "$TMP/err")"
	has13 "6,84.54,B,Baik,3.333,3.333,3.333,3.600,3.167,3.500,3.500,3.167,3.500"
	# CRLF, a byte-order mark and quoted fields
	printf '\357\273\277%s\r\n"r,1",4,4,4,4,4,4,4,4,4\r\n"r2",3,3,3,3,3,3,3,3,"3"\r\n' "$HEADER" \
		| "$BIN" skm --format csv - >"$TMP/out" 2>"$TMP/err" || fail "status $?: $(cat "$TMP/err")"
	# every NRR (4 + 3)/2 = 3.5: IKM = 25 * 3.5 = 87.50, B
	has13 "2,87.50,B,Baik,3.500,3.500,3.500,3.500,3.500,3.500,3.500,3.500,3.500"
	printf '%s\n1,4,4,4,4,4,4,4,4,4\n1,4,4,4,4,4,4,4,4,9\n' "$HEADER" \
		| "$BIN" skm - >"$TMP/out" 2>"$TMP/err"
	status=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	expect_bad 2 "<stdin>:3: field 'U9': expected an answer from 1 to 4, found '9'"
}

case_skm_tie() {
	# 625/8 = 78.125 exactly: half-up gives 78.13 (see test_skm.c)
	run --format csv "$DATA/skm-tie.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	has13 "8,78.13,B,Baik,3.000,3.375,2.750,3.500,3.250,3.250,3.000,3.000,3.000"
	run --format csv --missing listwise "$DATA/skm-tie.csv"
	has13 "7,77.78,B,Baik,3.143,3.286,2.714,3.429,3.286,3.143,3.143,2.857,3.000"
	# 88.305 exactly (2661 fours, 2339 threes): 88.31, A; 88.304: 88.30, B
	{
		echo "$HEADER"
		for i in $(seq 1 2661); do echo "a$i,4,4,4,4,4,4,4,4,4"; done
		for i in $(seq 1 2339); do echo "b$i,3,3,3,3,3,3,3,3,3"; done
	} >"$TMP/edge.csv"
	run --format csv "$TMP/edge.csv"
	has13 "5000,88.31,A,Sangat Baik,3.532,3.532,3.532,3.532,3.532,3.532,3.532,3.532,3.532"
	{
		echo "$HEADER"
		for i in $(seq 1 1663); do echo "a$i,4,4,4,4,4,4,4,4,4"; done
		for i in $(seq 1 1462); do echo "b$i,3,3,3,3,3,3,3,3,3"; done
	} >"$TMP/edge.csv"
	run --format csv --no-duplicate-check "$TMP/edge.csv"
	has13 "3125,88.30,B,Baik,3.532,3.532,3.532,3.532,3.532,3.532,3.532,3.532,3.532"
}

# bad_csv PATTERN [OPTIONS...] : stdin is the CSV. Feed it with < <(...),
# not a pipe: a pipe would run bad_csv, and its `fail`, in a subshell.
bad_csv() {
	local pattern=$1
	shift
	cat >"$TMP/bad.csv"
	run "$@" "$TMP/bad.csv"
	expect_bad 2 "$pattern"
}

case_skm_bad_input() {
	bad_csv "bad.csv:5: field 'U3': expected an answer from 1 to 4, found '5'" \
		< <(printf '%s\n1,4,4,4,4,4,4,4,4,4\n2,4,4,4,4,4,4,4,4,4\n3,4,4,4,4,4,4,4,4,4\n4,4,4,5,4,4,4,4,4,4\n' "$HEADER")
	bad_csv "bad.csv:2: field 'U9': expected an answer from 1 to 4, found '3.5'" \
		< <(printf '%s\n1,4,4,4,4,4,4,4,4,3.5\n' "$HEADER")
	bad_csv "bad.csv:2: field 'U1': expected an answer from 1 to 4, found 'x'" \
		< <(printf '%s\n1,x,4,4,4,4,4,4,4,4\n' "$HEADER")
	bad_csv "bad.csv:2: field 'U8': expected an answer from 1 to 4, found '0' (leave the field empty for no answer)" \
		< <(printf '%s\n1,4,4,4,4,4,4,4,0,4\n' "$HEADER")
	bad_csv "bad.csv:2: field 'U9' is missing: expected 10 fields as in the header, found 9" \
		< <(printf '%s\n1,4,4,4,4,4,4,4,4\n' "$HEADER")
	bad_csv "bad.csv:2: field 11 ('4') is beyond the header's 10 columns" \
		< <(printf '%s\n1,4,4,4,4,4,4,4,4,4,4\n' "$HEADER")
	bad_csv "bad.csv:1: no answer column for element U1 (Persyaratan): name it 'U1' or 'Persyaratan' (case and spacing do not matter); the header has 10 columns: 'respondent', 'Q1', 'U2'" \
		< <(printf 'respondent,Q1,U2,U3,U4,U5,U6,U7,U8,U9\n1,4,4,4,4,4,4,4,4,4\n')
	bad_csv "bad.csv:1: no answer column for element U1 (Persyaratan)" \
		< <(printf 'id,score\n1,50\n')
	bad_csv "bad.csv:4: field 'respondent': respondent '1' is listed twice" \
		< <(printf '%s\n1,4,4,4,4,4,4,4,4,4\n2,3,3,3,3,3,3,3,3,3\n1,4,4,4,4,4,4,4,4,4\n' "$HEADER")
	# an empty id is an anonymous respondent (SKM exports, issue 9)
	printf '%s\n,4,4,4,4,4,4,4,4,4\n,3,3,3,3,3,3,3,3,3\n' "$HEADER" >"$TMP/anon.csv"
	run --format csv "$TMP/anon.csv"
	[ "$status" -eq 0 ] || fail "anonymous rows: $err"
	has13 "2,87.50,B,Baik,3.500,3.500,3.500,3.500,3.500,3.500,3.500,3.500,3.500"
	bad_csv "bad.csv: the file is empty: expected a header row naming the answer columns (U1,U2,U3,U4,U5,U6,U7,U8,U9)" \
		< <(printf '')
	bad_csv "bad.csv:2: malformed CSV: a quoted field that is never closed" \
		< <(printf '%s\n1,4,4,4,4,4,4,4,4,"4\n' "$HEADER")
	run "$TMP/does-not-exist.csv"
	expect_bad 2 "does-not-exist.csv: cannot open the file"
	# with the duplicate check off, the same id twice is accepted
	printf '%s\n1,4,4,4,4,4,4,4,4,4\n1,4,4,4,4,4,4,4,4,4\n' "$HEADER" >"$TMP/dup.csv"
	run --no-duplicate-check --format csv "$TMP/dup.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	has13 "2,100.00,A,Sangat Baik,4.000,4.000,4.000,4.000,4.000,4.000,4.000,4.000,4.000"
}

case_skm_compute_errors() {
	bad_csv "no respondents" \
		< <(printf '%s\n' "$HEADER")
	bad_csv "element U4 (Biaya/Tarif) was answered by no respondent (2 read)" \
		< <(printf '%s\n1,4,4,4,,4,4,4,4,4\n2,3,3,3,,3,3,3,3,3\n' "$HEADER")
	bad_csv "no respondent answered any element (1 read, all blank)" \
		< <(printf '%s\n1,,,,,,,,,\n' "$HEADER")
	bad_csv "listwise deletion leaves no respondent: no respondent answered all 9 elements (2 read)" --missing listwise \
		< <(printf '%s\n1,4,4,4,,4,4,4,4,4\n2,,3,3,3,3,3,3,3,3\n' "$HEADER")
	# the same file is fine under available-case: U1 4, U4 3, the others 7/2
	# sum = 4 + 3 + 7 * 7/2 = 63/2, IKM = 25/9 * 63/2 = 87.50, B
	run --format csv "$TMP/bad.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	has13 "2,87.50,B,Baik,4.000,3.500,3.500,3.000,3.500,3.500,3.500,3.500,3.500"
}

# The method is the built-in profile skm-2017: listed, shown and usable by
# classify; its bands (Permenpan RB 14/2017: A from 88.31, B from 76.61,
# C from 65.00, D from 25.00) classify the IKM rounded half-up to 2 places.
case_skm_profile() {
	"$BIN" profiles >"$TMP/out" 2>"$TMP/err" || fail "profiles: $(cat "$TMP/err")"
	grep -q "^skm-2017	2017	" "$TMP/out" || fail "profiles lacks skm-2017: $(cat "$TMP/out")"
	"$BIN" profile show skm-2017 >"$TMP/out" 2>"$TMP/err" || fail "show: $(cat "$TMP/err")"
	grep -qE "^  A +88.31 - 100.00 +Sangat Baik" "$TMP/out" || fail "show: $(cat "$TMP/out")"
	grep -qE "^  D +25.00 - 64.99 +Tidak Baik" "$TMP/out" || fail "show: $(cat "$TMP/out")"
	# 88.305 rounds half-up to 88.31 (A); 88.3049 to 88.30 (B);
	# 64.995 to 65.00 (C); 64.9949 to 64.99 (D)
	for pair in "88.305 A" "88.3049 B" "76.605 B" "76.6049 C" "64.995 C" "64.9949 D"; do
		set -- $pair
		got=$("$BIN" classify --profile skm-2017 "$1" 2>&1) || fail "classify $1: $got"
		[ "$(printf '%s' "$got" | cut -f2)" = "$2" ] || fail "classify $1: expected $2, got: $got"
	done
}

# --profile: the method from a built-in id or a profile file of kind "skm";
# an assessment profile is refused with exit 2 and nothing printed.
case_skm_method_option() {
	run --profile "$DATA/profiles/skm-custom.json" "$DATA/skm-example.csv"
	[ "$status" -eq 0 ] || fail "custom method: $err"
	grep -q "^method       skm-kab-contoh " "$TMP/out" || fail "method line: $out"
	has "IKM          84.54 (exact 4565/54)"
	run --profile skm-2017 --format csv "$DATA/skm-example.csv"
	[ "$status" -eq 0 ] || fail "skm-2017: $err"
	grep -q "^6,84.54,B,Baik," "$TMP/out" || fail "csv: $out"
	run --profile ombudsman-2023 "$DATA/skm-example.csv"
	expect_bad 2 "is not an SKM method"
	run --profile no-such-method "$DATA/skm-example.csv"
	expect_bad 2 "unknown profile 'no-such-method'"
	# and an SKM method is no assessment: score refuses it as a usage error
	"$BIN" score --profile skm-2017 "$DATA/skm-example.csv" >"$TMP/out" 2>"$TMP/err"
	status=$? out=$(cat "$TMP/out") err=$(cat "$TMP/err")
	expect_bad 2 "is an SKM survey method, not an assessment: use \`compliance skm --profile skm-2017 FILE\`"
}

case_skm_usage() {
	run
	[ "$status" -eq 2 ] || fail "no args: $status"
	[ -z "$out" ] || fail "no args wrote to stdout: $out"
	grep -qF "give a CSV FILE" "$TMP/err" || fail "no args: $err"
	run --format xml "$DATA/skm-example.csv"
	expect_bad 2 "unknown format 'xml': expected table, csv or json"
	run --missing pairwise "$DATA/skm-example.csv"
	expect_bad 2 "unknown missing-answer policy 'pairwise': expected available or listwise"
	run --frobnicate "$DATA/skm-example.csv"
	expect_bad 2 "unknown or incomplete option --frobnicate"
	run "$DATA/skm-example.csv" --missing
	expect_bad 2 "unknown or incomplete option --missing"
	run "$DATA/skm-example.csv" "$DATA/skm-tie.csv"
	expect_bad 2 "more than one FILE given"
	run --help
	[ "$status" -eq 0 ] || fail "--help: $status"
	grep -qF "usage: compliance skm" "$TMP/out" || fail "--help: $out"
}

"case_$CASE"
echo "ok: $CASE"
