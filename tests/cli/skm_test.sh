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
. "$(dirname "$0")/lib.sh"

HEADER="respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9"
CSV_HEADER="respondents,ikm,category,label,nrr_U1,nrr_U2,nrr_U3,nrr_U4,nrr_U5,nrr_U6,nrr_U7,nrr_U8,nrr_U9"

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
	expect_bad 2 "unknown format 'xml': expected table, csv, json or html"
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

# ---- SKM exports (issue 9) -----------------------------------------------------
# Fixtures in DATA/skm-exports, written the way Excel saves them (BOM, CRLF,
# ';', a-d codes, named columns in another case and spacing, extra columns,
# anonymous rows, ';;;;' rows below the data). Every expected value is
# computed here independently, with Python's fractions, from the file read
# by Python's csv module.

# ref.py FILE DELIM [GROUPCOL]: prints a JSON object {"total": R, "groups":
# {name: R}} where R = {"ikm", "category", "nrr": [...], "bands": [...],
# "w0111": [ikm, cat], "w011": [ikm, cat], "read"}; groups keyed by the
# value with white space normalised, case folded.
write_ref() {
	cat >"$TMP/ref.py" <<'PY'
import csv, io, json, sys
from fractions import Fraction as F
path, delim = sys.argv[1], sys.argv[2]
gcol = sys.argv[3] if len(sys.argv) > 3 else None
rows = list(csv.reader(io.open(path, encoding="utf-8-sig", newline=""), delimiter=delim))
norm = lambda t: " ".join(t.split()).lower()
names = ["Persyaratan", "Sistem, Mekanisme, dan Prosedur", "Waktu Penyelesaian", "Biaya/Tarif",
         "Produk Spesifikasi Jenis Pelayanan", "Kompetensi Pelaksana", "Perilaku Pelaksana",
         "Penanganan Pengaduan, Saran dan Masukan", "Sarana dan Prasarana"]
head = [norm(h) for h in rows[0]]
cols = []
for i, n in enumerate(names):
    cols.append(next(j for j, h in enumerate(head) if h in (norm(n), "u%d" % (i + 1))))
code = {"a": 1, "b": 2, "c": 3, "d": 4, "1": 1, "2": 2, "3": 3, "4": 4}
bands = [(F("88.31"), "A"), (F("76.61"), "B"), (F("65.00"), "C"), (F("25.00"), "D")]
def band(x):
    return next((c for lo, c in bands if x >= lo), None)
def half_up(x):  # to 2 decimals, x > 0
    return F(int(x * 100 + F(1, 2)), 100)
def fmt(x):
    return "%d.%02d" % (int(x), int(x * 100) % 100)
def exact(x):  # a terminating decimal, else the reduced fraction
    d, k = x.denominator, 0
    while d % 2 == 0 or d % 5 == 0:
        d //= 2 if d % 2 == 0 else 5
        k += 1
    if d != 1:
        return "%d/%d" % (x.numerator, x.denominator)
    t = str(int(x * 10 ** k)).rjust(k + 1, "0")
    return t if k == 0 else t[:-k] + "." + t[-k:]
def result(rs):
    nrr = []
    for c in cols:
        a = [code[r[c].strip().lower()] for r in rs if r[c].strip()]
        nrr.append(F(sum(a), len(a)))
    ikm = half_up(F(25, 9) * sum(nrr))
    out = {"ikm": fmt(ikm), "category": band(ikm), "read": len(rs),
           "nrr": [exact(x) for x in nrr],
           "bands": [band(25 * x) for x in nrr]}
    for key, w in (("w0111", F("0.111")), ("w011", F("0.11"))):
        alt = half_up(25 * w * sum(nrr))
        out[key] = [fmt(alt), band(alt)]
    return out
data = [r for r in rows[1:] if any(f.strip() for f in r)]
res = {"total": result(data), "groups": {}}
if gcol:
    g = head.index(norm(gcol))
    for key in dict.fromkeys(norm(r[g]) for r in data):
        res["groups"][key] = result([r for r in data if norm(r[g]) == key])
print(json.dumps(res))
PY
}

case_skm_export_excel() {
	write_ref
	run --letters --format json "$DATA/skm-exports/excel-id-letters.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	python3 "$TMP/ref.py" "$DATA/skm-exports/excel-id-letters.csv" ";" >"$TMP/ref.json"
	python3 - "$TMP/out" "$TMP/ref.json" <<'PY' || fail "json check failed: $out"
import json, sys
r, ref = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))["total"]
i = r["input"]
assert i["dialect"] == "excel-id" and i["separator"] == ";" and i["separator_from"] == "detected", i
assert i["bom"] is True and i["line_ends"] == "crlf" and i["answer_codes"] == "letters", i
assert i["columns"]["id"] == "No" and i["columns"]["sex"] == "Jenis Kelamin", i
assert i["columns"]["age"] == "Umur" and i["columns"]["group"] is None, i
# 7 rows (2 anonymous); the two ';;;;' rows below the data are not respondents
assert r["respondents_read"] == ref["read"] == 7, r
assert r["ikm"] == ref["ikm"] and r["category"] == ref["category"], (r["ikm"], ref)
assert [e["nrr_exact"] for e in r["elements"]] == ref["nrr"], (r["elements"], ref)
assert [e["band"]["category"] for e in r["elements"]] == ref["bands"], ref
alt = r["template_weights"]
assert [a["weight"] for a in alt] == ["0.111", "0.11"], alt
assert [alt[0]["ikm"], alt[0]["category"]] == ref["w0111"], (alt, ref)
assert [alt[1]["ikm"], alt[1]["category"]] == ref["w011"], (alt, ref)
assert alt[0]["other_band"] is (ref["w0111"][1] != ref["category"]), alt
p = r["respondent_profile"]
# sex L/l/P spelt out; the others by raw value, in the order first met
assert p["sex"] == [{"value": "Laki-laki", "count": 4}, {"value": "Perempuan", "count": 3}], p
assert {v["value"]: v["count"] for v in p["education"]} == {"SMA": 3, "S1": 2, "SMP": 1, "D3": 1}, p
assert sum(v["count"] for v in p["occupation"]) == 7 and len(p["age"]) == 7, p
PY
	# the table says the dialect, and the letters were not silently read
	run --letters "$DATA/skm-exports/excel-id-letters.csv"
	has "input        excel-id (separator ';' detected, byte-order mark yes, line ends crlf, answers a-d read as 1-4)"
	run "$DATA/skm-exports/excel-id-letters.csv"
	expect_bad 2 "excel-id-letters.csv:2: field 'PERSYARATAN' (U1): found the letter 'd': answers coded a to d are read only when asked"
}

# the same survey coded 1-4, comma separated, element codes in lower case,
# LF, no BOM: the same numbers, another dialect
case_skm_export_comma() {
	run --format json "$DATA/skm-exports/comma-digits.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	cp "$TMP/out" "$TMP/comma.json"
	run --format json --letters "$DATA/skm-exports/excel-id-letters.csv"
	python3 - "$TMP/comma.json" "$TMP/out" <<'PY' || fail "comma vs excel: $(cat "$TMP/comma.json")"
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a["input"]["dialect"] == "rfc4180" and a["input"]["bom"] is False, a["input"]
assert a["input"]["line_ends"] == "lf" and a["input"]["answer_codes"] == "digits", a["input"]
assert a["input"]["columns"]["id"] == "respondent" and a["input"]["columns"]["age"] == "usia", a
for k in ("ikm", "ikm_exact", "category", "elements", "template_weights", "respondents_read"):
    assert a[k] == b[k], k
PY
	# --dialect forces the separator: the ';' file read as ',' has no answer column
	run --dialect=rfc4180 --letters "$DATA/skm-exports/excel-id-letters.csv"
	expect_bad 2 "excel-id-letters.csv:1: no answer column for element U1 (Persyaratan)"
	run --dialect excel-id --letters --format=json "$DATA/skm-exports/excel-id-letters.csv"
	[ "$status" -eq 0 ] || fail "--dialect excel-id: $err"
	grep -qF '"separator_from": "given"' "$TMP/out" || fail "given: $out"
	# --letters on a file of digits: the output says digits were read
	run --letters --format json "$DATA/skm-exports/comma-digits.csv"
	grep -qF '"answer_codes": "digits"' "$TMP/out" || fail "answer_codes: $out"
	run --dialect csv "$DATA/skm-exports/comma-digits.csv"
	expect_bad 2 "unknown dialect 'csv': expected auto, rfc4180 or excel-id"
}

case_skm_export_by() {
	write_ref
	python3 "$TMP/ref.py" "$DATA/skm-exports/excel-id-letters.csv" ";" "Jenis Layanan" >"$TMP/ref.json"
	run --letters --by "Jenis Layanan" --format json "$DATA/skm-exports/excel-id-letters.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	python3 - "$TMP/out" "$TMP/ref.json" <<'PY' || fail "json --by check failed: $out"
import json, sys
r, ref = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert r["group_column"] == "Jenis Layanan" and r["input"]["columns"]["group"] == "Jenis Layanan"
assert r["ikm"] == ref["total"]["ikm"], r["ikm"]
# "Kartu Keluarga" and "kartu  keluarga" are one group, spelt as first met
assert [g["group"] for g in r["groups"]] == ["KTP", "Kartu Keluarga"], r["groups"]
for g in r["groups"]:
    e = ref["groups"][" ".join(g["group"].split()).lower()]
    assert g["respondents_read"] == e["read"], (g, e)
    assert g["ikm"] == e["ikm"] and g["category"] == e["category"], (g["ikm"], e)
    assert [x["nrr_exact"] for x in g["elements"]] == e["nrr"], (g, e)
    assert [x["band"]["category"] for x in g["elements"]] == e["bands"], (g, e)
    assert [g["template_weights"][0]["ikm"], g["template_weights"][0]["category"]] == e["w0111"]
    assert [g["template_weights"][1]["ikm"], g["template_weights"][1]["category"]] == e["w011"]
assert sum(g["respondents_read"] for g in r["groups"]) == r["respondents_read"]
assert sum(v["count"] for v in r["groups"][1]["respondent_profile"]["sex"]) == 3
PY
	# CSV: the total, then one row per group; scope and group last
	run --letters --by="Jenis Layanan" --format csv "$DATA/skm-exports/excel-id-letters.csv"
	[ "$status" -eq 0 ] || fail "csv: $err"
	python3 - "$TMP/out" "$TMP/ref.json" <<'PY' || fail "csv --by check failed: $out"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
ref = json.load(open(sys.argv[2]))
assert [(r["scope"], r["group"]) for r in rows] == [("total", ""), ("group", "KTP"), ("group", "Kartu Keluarga")], rows
for r, e in zip(rows, [ref["total"], ref["groups"]["ktp"], ref["groups"]["kartu keluarga"]]):
    assert r["ikm"] == e["ikm"] and r["category"] == e["category"], (r, e)
    assert [r["band_U%d" % i] for i in range(1, 10)] == e["bands"], (r, e)
    assert [r["ikm_w0.111"], r["category_w0.111"]] == e["w0111"], (r, e)
    assert [r["ikm_w0.11"], r["category_w0.11"]] == e["w011"], (r, e)
PY
	run --letters --by "Loket" "$DATA/skm-exports/excel-id-letters.csv"
	expect_bad 2 "excel-id-letters.csv:1: no column 'Loket' (the group column) in the header"
	# a group in which an element has no answer has no IKM, and says why
	printf 'No;Layanan;U1;U2;U3;U4;U5;U6;U7;U8;U9\r\n1;A;4;4;4;4;4;4;4;4;4\r\n2;B;3;3;3;;3;3;3;3;3\r\n' >"$TMP/g.csv"
	run --by Layanan "$TMP/g.csv"
	[ "$status" -eq 0 ] || fail "group without U4: $err"
	has "no result    element U4 (Biaya/Tarif) was answered by no respondent (1 read): its NRR and the IKM are undefined"
}

# 0.111 at a band edge: where 1/9 and a template's 0.111 disagree, the
# output says so
case_skm_export_0111() {
	write_ref
	python3 "$TMP/ref.py" "$DATA/skm-exports/edge-0111.csv" ";" >"$TMP/ref.json"
	run --format csv "$DATA/skm-exports/edge-0111.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	python3 - "$TMP/out" "$TMP/ref.json" <<'PY' || fail "edge csv: $out"
import csv, json, sys
r = list(csv.DictReader(open(sys.argv[1])))[0]
e = json.load(open(sys.argv[2]))["total"]
# sum of NRR 31.8: 25/9 x 31.8 = 88.333.. -> 88.33 A; 2.775 x 31.8 = 88.245 -> 88.25 B
assert (r["ikm"], r["category"]) == ("88.33", "A") == (e["ikm"], e["category"]), (r, e)
assert (r["ikm_w0.111"], r["category_w0.111"], r["other_band_w0.111"]) == ("88.25", "B", "yes"), r
assert [r["ikm_w0.111"], r["category_w0.111"]] == e["w0111"], e
# 2.75 x 31.8 = 87.45
assert (r["ikm_w0.11"], r["category_w0.11"], r["other_band_w0.11"]) == ("87.45", "B", "yes"), r
PY
	run "$DATA/skm-exports/edge-0111.csv"
	has "weight 0.111 IKM 88.25 (exact 88.245), B Baik: ANOTHER BAND than A under 1/9: a template that writes the weight as 0.111 shows this"
	has "weight 0.11  IKM 87.45 (exact 87.45), B Baik: ANOTHER BAND than A under 1/9: a template that writes the weight as 0.11 shows this"
	run --format json "$DATA/skm-exports/edge-0111.csv"
	python3 - "$TMP/out" <<'PY' || fail "edge json: $out"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["weights"] == "1/9" and r["category"] == "A", r
t = r["template_weights"]
assert t[0] == {"weight": "0.111", "ikm": "88.25", "ikm_exact": "88.245", "category": "B",
                "label": "Baik", "other_band": True}, t
assert t[1]["other_band"] is True and t[1]["ikm"] == "87.45", t
PY
	# exactly on the edge: 88.305 (2661 fours, 2339 threes) is 88.31, A; under
	# 0.111 it is 2.775 x 9 x (2661 x 4 + 2339 x 3)/5000 = 88.2166.. -> 88.22, B
	python3 - >"$TMP/ref-edge.txt" <<'PY'
from fractions import Fraction as F
s = 9 * F(2661 * 4 + 2339 * 3, 5000)
for w in (F(1, 9), F("0.111"), F("0.11")):
    x = 25 * w * s
    print("%.2f" % (F(int(x * 100 + F(1, 2)), 100)))
PY
	{
		printf 'No;Jenis Layanan;U1;U2;U3;U4;U5;U6;U7;U8;U9;Saran\r\n'
		for i in $(seq 1 2661); do printf '%d;KTP;4;4;4;4;4;4;4;4;4;\r\n' "$i"; done
		for i in $(seq 2662 5000); do printf '%d;KTP;3;3;3;3;3;3;3;3;3;\r\n' "$i"; done
	} >"$TMP/edge.csv"
	run --format csv "$TMP/edge.csv"
	[ "$status" -eq 0 ] || fail "edge: $err"
	exp=$(tr '\n' ' ' <"$TMP/ref-edge.txt")
	[ "$exp" = "88.31 88.22 87.42 " ] || fail "reference: $exp"
	python3 - "$TMP/out" <<'PY' || fail "88.305 edge: $out"
import csv, sys
r = list(csv.DictReader(open(sys.argv[1])))[0]
assert (r["ikm"], r["category"]) == ("88.31", "A"), r
assert (r["ikm_w0.111"], r["category_w0.111"], r["other_band_w0.111"]) == ("88.22", "B", "yes"), r
assert (r["ikm_w0.11"], r["other_band_w0.11"]) == ("87.42", "yes"), r
# each NRR is 3.5322: x 25 = 88.305 >= 88.31? no: the NRR band is B (3.5322 < 3.5324)
assert all(r["band_U%d" % i] == "B" for i in range(1, 10)), r
PY
	# the same band: no warning
	run "$DATA/skm-example.csv"
	has "weight 0.111 IKM 84.45 (exact 84.4525), B Baik: the same band"
}

# NRR bands at their exact edges: 88.31/25 = 3.5324 is A, 3.532 is B
case_skm_export_nrr_edges() {
	# U1: 2331 fours, 2169 threes of 4500... simpler: 10000 answers, sum
	# 35324 (5324 fours, 4676 threes): 3.5324 exactly -> A; U2 35320 -> B;
	# U3 30644 (644 fours, 9356 threes) -> 3.0644 B; U4 30640 -> C;
	# U5 26000 (6000 threes, 4000 twos) -> 2.6 C; U6 25996 -> D
	python3 - >"$TMP/nrr.csv" <<'PY'
per = [(5324, 4676, 0), (5320, 4680, 0), (644, 9356, 0), (640, 9360, 0), (0, 6000, 4000),
       (0, 5996, 4004), (0, 10000, 0), (0, 10000, 0), (0, 10000, 0)]
cols = []
for fours, threes, twos in per:
    cols.append([4] * fours + [3] * threes + [2] * twos)
print("U1,U2,U3,U4,U5,U6,U7,U8,U9")
for i in range(10000):
    print(",".join(str(c[i]) for c in cols))
PY
	run --format csv "$TMP/nrr.csv"
	[ "$status" -eq 0 ] || fail "nrr edges: $err"
	python3 - "$TMP/out" <<'PY' || fail "nrr edges: $(cat "$TMP/out")"
import csv, sys
r = list(csv.DictReader(open(sys.argv[1])))[0]
assert [r["band_U%d" % i] for i in range(1, 7)] == ["A", "B", "B", "C", "C", "D"], r
PY
}

case_skm_export_profile() {
	run --letters --age-bands=20,30,40,50 --format json "$DATA/skm-exports/excel-id-letters.csv"
	[ "$status" -eq 0 ] || fail "age bands: $err"
	python3 - "$TMP/out" <<'PY' || fail "age bands: $out"
import json, sys
r = json.load(open(sys.argv[1]))
# ages 34 27 45 19 52 38 61
assert r["respondent_profile"]["age"] == [{"value": "<20", "count": 1}, {"value": "20-29", "count": 1},
    {"value": "30-39", "count": 2}, {"value": "40-49", "count": 1}, {"value": "50+", "count": 2}], r
PY
	run --letters --age-bands 20,x "$DATA/skm-exports/excel-id-letters.csv"
	expect_bad 2 "--age-bands '20,x': expected increasing whole lower bounds"
	run --letters --age-bands 30,20 "$DATA/skm-exports/excel-id-letters.csv"
	expect_bad 2 "--age-bands '30,20'"
	# an age that is no whole number, with bands: refused at its line
	printf 'No;Umur;U1;U2;U3;U4;U5;U6;U7;U8;U9\n1;35 tahun;4;4;4;4;4;4;4;4;4\n' >"$TMP/age.csv"
	run --age-bands 20,30 "$TMP/age.csv"
	expect_bad 2 "age.csv:2: field 'Umur': expected an age in whole years (for the age bands), found '35 tahun'"
	# --column names a column the default names miss; ROLE= drops one
	printf 'No;Gender;Kerja;U1;U2;U3;U4;U5;U6;U7;U8;U9\n1;L;PNS;4;4;4;4;4;4;4;4;4\n2;P;PNS;3;3;3;3;3;3;3;3;3\n' >"$TMP/col.csv"
	run --column sex=Gender --column=occupation=kerja --format json "$TMP/col.csv"
	[ "$status" -eq 0 ] || fail "--column: $err"
	grep -qF '"value": "Perempuan"' "$TMP/out" || fail "--column sex: $out"
	grep -qF '"occupation": "Kerja"' "$TMP/out" || fail "--column occupation: $out"
	run --column id= --format csv "$TMP/col.csv"
	[ "$status" -eq 0 ] || fail "--column id=: $err"
	has13 "2,87.50,B,Baik,3.500,3.500,3.500,3.500,3.500,3.500,3.500,3.500,3.500"
	run --column wat=X "$TMP/col.csv"
	expect_bad 2 "--column 'wat=X': expected ROLE=HEADER"
	run --column sex=Jenis "$TMP/col.csv"
	expect_bad 2 "col.csv:1: no column 'Jenis' (the sex column) in the header"
}

case_skm_export_rows() {
	# an answer column named twice; a value beyond the header; a short row
	printf 'No;U1;Persyaratan;U2;U3;U4;U5;U6;U7;U8;U9\n' >"$TMP/two.csv"
	run "$TMP/two.csv"
	expect_bad 2 "two.csv:1: columns 2 ('U1') and 3 ('Persyaratan') both name element U1 (Persyaratan)"
	printf 'No;U1;U2;U3;U4;U5;U6;U7;U8;U9\n1;4;4;4;4;4;4;4;4;4;;;\n2;4;4;4;4;4;4;4;4;4;;x\n' >"$TMP/wide.csv"
	run "$TMP/wide.csv"
	expect_bad 2 "wide.csv:3: field 12 ('x') is beyond the header's 10 columns"
	printf 'No;U1;U2;U3;U4;U5;U6;U7;U8;U9;Saran\n1;4;4;4;4;4;4;4;4;4\n2;4;4;4;4;4;4;4;4\n' >"$TMP/short.csv"
	run "$TMP/short.csv"
	expect_bad 2 "short.csv:3: field 'U9' is missing: expected 11 fields as in the header, found 9"
	# a letter outside a-d, and an element column the method lacks
	printf 'No;U1;U2;U3;U4;U5;U6;U7;U8;U9\n1;e;4;4;4;4;4;4;4;4\n' >"$TMP/e.csv"
	run --letters "$TMP/e.csv"
	expect_bad 2 "e.csv:2: field 'U1': expected an answer from 1 to 4, found 'e'"
	printf 'No;U1;U2;U3;U4;U5;U6;U7;U8;U9;U10\n' >"$TMP/u10.csv"
	run "$TMP/u10.csv"
	expect_bad 2 "u10.csv:1: column 11 ('U10') looks like an answer column, but the method skm-2017 has 9 elements (U1 to U9)"
	# duplicate numbers are still caught; anonymous rows never are
	printf 'No;U1;U2;U3;U4;U5;U6;U7;U8;U9\n7;4;4;4;4;4;4;4;4;4\n;4;4;4;4;4;4;4;4;4\n;4;4;4;4;4;4;4;4;4\n7;4;4;4;4;4;4;4;4;4\n' >"$TMP/dup.csv"
	run "$TMP/dup.csv"
	expect_bad 2 "dup.csv:5: field 'No': respondent '7' is listed twice"
	# --answer names an answer column that is neither code nor name:
	# 4 + 3 + 2 + 6 x 4 = 33; IKM 25/9 x 33 = 91.666.. -> 91.67 A; NRR 2 -> D
	printf 'No;P1;P2;P3;U4;U5;U6;U7;U8;U9\n1;4;3;2;4;4;4;4;4;4\n' >"$TMP/p.csv"
	run --answer U1=p1 --answer=U2=P2 --answer "U3= P3 " --format csv "$TMP/p.csv"
	[ "$status" -eq 0 ] || fail "--answer: $err"
	has13 "1,91.67,A,Sangat Baik,4.000,3.000,2.000,4.000,4.000,4.000,4.000,4.000,4.000"
	grep -q "^1,91.67,.*,A,C,D,A,A,A,A,A,A," "$TMP/out" || fail "--answer bands: $out"
	run --answer U1=Q9 "$TMP/p.csv"
	expect_bad 2 "p.csv:1: no column 'Q9' (given for element U1, Persyaratan) in the header"
	run --answer X1=P1 "$TMP/p.csv"
	expect_bad 2 "--answer 'X1=P1': expected CODE=HEADER"
	# --help on stdout, exit 0; --opt=value for every option
	run --help
	[ "$status" -eq 0 ] && [ -z "$err" ] || fail "--help: $status $err"
	grep -qF -- "--by COLUMN" "$TMP/out" || fail "--help: $out"
	run --format=csv --missing=listwise --profile=skm-2017 "$DATA/skm-example.csv"
	[ "$status" -eq 0 ] || fail "--opt=value: $err"
	has13 "5,85.56,B,Baik,3.400,3.400,3.400,3.600,3.200,3.400,3.600,3.200,3.600"
	run --format= "$DATA/skm-example.csv"
	expect_bad 2 "unknown format '': expected table, csv, json or html"
}

"case_$CASE"
echo "ok: $CASE"
