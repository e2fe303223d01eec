#!/usr/bin/env bash
# End-to-end tests of the compliance program. Usage: cli_test.sh BIN DATA CASE
# Each CASE is one function below; CTest runs each as its own test.
set -u
BIN=$1
DATA=$2
CASE=$3
EXAMPLES=$(cd "$(dirname "$0")/../../examples/data" && pwd)
. "$(dirname "$0")/lib.sh"

# run ARGS... (lib.sh): stdout in $out, stderr in $err, status in $status

# expect_bad STATUS PATTERN: bad input gives that status, a message matching
# PATTERN on stderr, and nothing on stdout.
expect_bad() {
	[ "$status" -eq "$1" ] || fail "expected exit $1, got $status (stderr: $err)"
	[ -z "$out" ] || fail "expected no output on bad input, got: $out"
	grep -q -- "$2" "$TMP/err" || fail "stderr lacks '$2': $err"
}

case_profiles() {
	run profiles
	[ "$status" -eq 0 ] || fail "status $status"
	for y in 2015 2016 2017 2018 2019 2021 2022 2023 2024 2025; do
		grep -q "^ombudsman-$y	$y	" "$TMP/out" || fail "ombudsman-$y missing"
	done
	! grep -q "ombudsman-2020" "$TMP/out" || fail "2020 listed"
}

case_classify_example() {
	run classify --profile ombudsman-2022 73.02
	[ "$status" -eq 0 ] || fail "status $status"
	[ "$out" = "$(printf '73.02\tC\tkuning\tKualitas Sedang')" ] || fail "got '$out'"
}

case_classify_edges() {
	run classify --profile ombudsman-2023 87.995 87.99 88 77.995 53.995 31.995 0 100
	[ "$status" -eq 0 ] || fail "status $status: $err"
	expected=$(printf '%s\n' \
		"88.00	A	hijau	Kualitas Tertinggi" \
		"87.99	B	hijau	Kualitas Tinggi" \
		"88.00	A	hijau	Kualitas Tertinggi" \
		"78.00	B	hijau	Kualitas Tinggi" \
		"54.00	C	kuning	Kualitas Sedang" \
		"32.00	D	merah	Kualitas Rendah" \
		"0.00	E	merah	Kualitas Terendah" \
		"100.00	A	hijau	Kualitas Tertinggi")
	[ "$out" = "$expected" ] || fail "got: $out"
}

case_classify_zone_only() {
	run classify --profile ombudsman-2021 96.75 68.52 45.01 80.995
	[ "$status" -eq 0 ] || fail "status $status"
	expected=$(printf '%s\n' "96.75	-	hijau	Kepatuhan Tinggi" "68.52	-	kuning	Kepatuhan Sedang" \
		"45.01	-	merah	Kepatuhan Rendah" "81.00	-	hijau	Kepatuhan Tinggi")
	[ "$out" = "$expected" ] || fail "got: $out"
}

case_classify_bad() {
	run classify --profile ombudsman-2022 100.01
	expect_bad 2 "outside the scale"
	run classify --profile ombudsman-2022 abc
	expect_bad 2 "expected a decimal number"
	run classify --profile ombudsman-2022 -- -3
	expect_bad 2 "outside the scale"
	run classify --profile ombudsman-2015 75.5
	expect_bad 2 "expected 0 to 75"
}

case_unknown_profile() {
	run classify --profile ombudsman-1999 50
	expect_bad 2 "known profiles: ombudsman-2015"
	run score --profile nope "$EXAMPLES/scores-2022.csv"
	expect_bad 2 "ombudsman-2025"
	run classify --profile ombudsman-2020 50
	expect_bad 2 "no assessment was held in 2020"
}

case_score_table() {
	run score --profile ombudsman-2022 "$EXAMPLES/scores-2022.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	echo "$out" | head -1 | grep -q "entity.*entity_type.*units.*score.*category.*zone.*label.*rank.*rank_in_type" \
		|| fail "header: $out"
	echo "$out" | grep -q "Kabupaten Bekasi  *kabupaten  *7  *73.02  *C  *kuning  *Kualitas Sedang" \
		|| fail "Bekasi row: $out"
}

case_score_csv() {
	run score --profile ombudsman-2022 --format csv "$EXAMPLES/scores-2022.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	[ "$(echo "$out" | head -1)" = "entity,entity_type,units,score,category,zone,label,rank,rank_in_type" ] \
		|| fail "header: $(echo "$out" | head -1)"
	echo "$out" | grep -qx "Kabupaten Bekasi,kabupaten,7,73.02,C,kuning,Kualitas Sedang,3,1" || fail "Bekasi: $out"
	# a tie shares the rank, and the next rank skips
	echo "$out" | grep -qx "Kabupaten Contoh,kabupaten,7,73.02,C,kuning,Kualitas Sedang,3,1" || fail "tie: $out"
	echo "$out" | grep -qx "Provinsi Contoh,provinsi,5,51.47,D,merah,Kualitas Rendah,5,1" || fail "skip: $out"
	# 615.99 / 7 = 87.998571... rounds to 88.00: category A
	echo "$out" | grep -qx "Kota Contoh,kota,7,88.00,A,hijau,Kualitas Tertinggi,2,1" || fail "Kota: $out"
}

case_score_json_stdin() {
	"$BIN" score --profile ombudsman-2022 --format json - <"$EXAMPLES/scores-2022.csv" >"$TMP/out" 2>"$TMP/err" \
		|| fail "status $?: $(cat "$TMP/err")"
	python3 - "$TMP/out" <<'PY' || fail "json check failed"
import json, sys
rows = json.load(open(sys.argv[1]))
bekasi = [r for r in rows if r["entity"] == "Kabupaten Bekasi"][0]
assert bekasi["score"] == "73.02" and bekasi["category"] == "C", bekasi
assert bekasi["mean"] == "51117/700", bekasi
assert bekasi["rank"] == 3 and bekasi["units"] == 7, bekasi
assert len(rows) == 5, len(rows)
PY
}

case_score_vectors() {
	# every published unit-mean vector, as a score file per profile
	for prof in ombudsman-2022 ombudsman-2023 ombudsman-2024; do
		python3 - "$DATA/unit-means.csv" "$prof" >"$TMP/in.csv" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["profile"] == sys.argv[2]]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["entity", "entity_type", "unit", "score"])
for r in rows:
    w.writerow([r["entity"], r["entity_type"], r["unit"], r["unit_score"]])
PY
		run score --profile "$prof" --format csv "$TMP/in.csv"
		[ "$status" -eq 0 ] || fail "$prof: $err"
		python3 - "$DATA/unit-means.csv" "$prof" "$TMP/out" <<'PY' || fail "$prof mismatch"
import csv, sys
want = {r["entity"]: r for r in csv.DictReader(open(sys.argv[1])) if r["profile"] == sys.argv[2]}
got = {r["entity"]: r for r in csv.DictReader(open(sys.argv[3]))}
assert set(want) == set(got), (want.keys(), got.keys())
for e, w in want.items():
    g = got[e]
    assert g["score"] == w["published_entity_score"], (e, g, w)
    assert g["category"] == w["published_category"], (e, g, w)
    assert g["zone"] == w["published_zone"], (e, g, w)
PY
	done
}

bad_csv() { # bad_csv PATTERN : stdin is the CSV
	cat >"$TMP/bad.csv"
	run score --profile ombudsman-2022 "$TMP/bad.csv"
	expect_bad 2 "$1"
}

case_score_bad_input() {
	printf 'entity,entity_type,unit,score\nA,kota,u1,50\nA,kota,u1\n' | bad_csv "bad.csv:3: field 'score' is missing" || exit 1
	printf 'entity,entity_type,unit,score\nA,kota,u1,5O\n' | bad_csv "bad.csv:2: field 'score': expected a score" || exit 1
	printf 'entity,entity_type,unit,score\nA,kota,u1,100.5\n' | bad_csv "bad.csv:2: field 'score': score '100.5' is outside" || exit 1
	printf 'entity,entity_type,unit,score\nA,kota,u1,-1\n' | bad_csv "bad.csv:2: field 'score'" || exit 1
	printf 'entity,entity_type,unit,score\nA,desa,u1,50\n' | bad_csv "bad.csv:2: field 'entity_type': unknown entity type 'desa'" || exit 1
	printf 'entity,entity_type,unit,score\nA,kota,u1,50\nA,kota,u1,60\n' | bad_csv "bad.csv:3: field 'unit': unit 'u1' of entity 'A' is listed twice" || exit 1
	printf 'entity,entity_type,unit,score\nA,kota,u1,50\nA,kabupaten,u2,60\n' | bad_csv "bad.csv:3: field 'entity_type'" || exit 1
	printf 'name,score\nA,50\n' | bad_csv "bad.csv:1: the header has no column for entity, entity_type, unit: found 'name', 'score'" || exit 1
	printf '' | bad_csv "the file is empty" || exit 1
	printf 'entity,entity_type,unit,score\nA,kota,"u1,50\n' | bad_csv "bad.csv:2: malformed CSV" || exit 1
	printf 'entity,entity_type,unit,score\nA,kota,u1,5\0000\n' | bad_csv "NUL byte" || exit 1
	printf 'entity,entity_type,unit,score\nA,kota,u1,94,46\n' | bad_csv "bad.csv:2: field 5 is one too many" || exit 1
	run score --profile ombudsman-2022 "$TMP/does-not-exist.csv"
	expect_bad 2 "cannot open"
}

case_score_crlf_bom() {
	printf '\357\273\277entity,entity_type,unit,score\r\n"Kota ""A""",kota,u1,"87.99"\r\nKota "A",kota,u2,88.00\r\n' >"$TMP/w.csv" 2>/dev/null
	# the second row's unquoted quote is malformed on purpose: expect an error
	run score --profile ombudsman-2022 --format csv "$TMP/w.csv"
	expect_bad 2 "w.csv:3: malformed CSV"
	printf '\357\273\277entity,entity_type,unit,score\r\n"Kota ""A""",kota,u1,"87.99"\r\n"Kota ""A""",kota,u2,88.00\r\n' >"$TMP/w.csv"
	run score --profile ombudsman-2022 --format csv "$TMP/w.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	echo "$out" | grep -qx '"Kota ""A""",kota,2,88.00,A,hijau,Kualitas Tertinggi,1,1' || fail "got: $out"
}

case_score_rollup() {
	printf 'entity,entity_type,unit,product,score\nK,kota,OPD1,p1,90\nK,kota,OPD1,p2,80\nK,kota,OPD2,p3,50\n' >"$TMP/p.csv"
	run score --profile ombudsman-2021 --format csv "$TMP/p.csv"
	[ "$status" -eq 0 ] || fail "$err"
	# mean over products: (90+80+50)/3 = 73.33 (kuning)
	echo "$out" | grep -qx "K,kota,2,73.33,-,kuning,Kepatuhan Sedang,1,1" || fail "products: $out"
	run score --profile ombudsman-2021 --rollup units --format csv "$TMP/p.csv"
	# mean over units: (85 + 50)/2 = 67.50
	echo "$out" | grep -qx "K,kota,2,67.50,-,kuning,Kepatuhan Sedang,1,1" || fail "units: $out"
	run score --profile ombudsman-2022 --rollup products "$TMP/p.csv"
	expect_bad 2 "does not allow"
	# unit scores (no product column) under the product roll-up: each unit is
	# one product, rounded at the unit stage: 60.225 -> 60.23, 60.224 -> 60.22;
	# (60.23 + 60.22) / 2 = 60.225 -> 60.23
	printf 'entity,entity_type,unit,score\nK,kota,a,60.225\nK,kota,b,60.224\n' >"$TMP/u.csv"
	run score --profile ombudsman-2021 --format csv "$TMP/u.csv"
	echo "$out" | grep -qx "K,kota,2,60.23,-,kuning,Kepatuhan Sedang,1,1" || fail "unit stage: $out"
}

case_example_excel() {
	# the demo's file, as Excel saves it in the Indonesian locale, scores
	# exactly as its RFC 4180 twin, and says which dialect it read
	od -An -c -N3 "$EXAMPLES/skor-2022-excel.csv" | grep -q "357 273 277" || fail "no BOM"
	grep -q $'\r$' "$EXAMPLES/skor-2022-excel.csv" || fail "no CRLF"
	grep -q ';82,70;' "$EXAMPLES/skor-2022-excel.csv" || fail "no decimal comma"
	run score --profile ombudsman-2022 --format csv "$EXAMPLES/skor-2022-excel.csv"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$err" | grep -q "read as Excel CSV of the Indonesian locale" || fail "dialect not said: $err"
	a=$out
	run score --profile ombudsman-2022 --format csv "$EXAMPLES/scores-2022.csv"
	[ "$a" = "$out" ] || fail "the two forms differ"
	# (82.70 + 62.62 + 66.29 + 62.72 + 77.45 + 75.91 + 83.48) / 7 = 73.0243 -> 73.02;
	# ranked third, tied with Kabupaten Contoh (73.02 x 7)
	echo "$a" | grep -qx "Kabupaten Bekasi,kabupaten,7,73.02,C,kuning,Kualitas Sedang,3,1" || fail "$a"
}

case_usage() {
	run
	[ "$status" -eq 2 ] || fail "no args: $status"
	run frobnicate
	expect_bad 2 "unknown command"
	run score "$EXAMPLES/scores-2022.csv"
	expect_bad 2 "--profile"
	run score --profile ombudsman-2022 --format xml "$EXAMPLES/scores-2022.csv"
	expect_bad 2 "unknown format"
	run --help
	[ "$status" -eq 0 ] || fail "--help: $status"
	# every command answers --help with its own usage on stdout, exit 0
	for c in profiles profile classify score explain advise skm; do
		run $c --help
		[ "$status" -eq 0 ] || fail "$c --help: $status $err"
		echo "$out" | grep -q "^usage: compliance $c" || fail "$c --help: $out"
	done
	# --opt=value is the same as --opt value
	run score --profile=ombudsman-2022 --format=csv "$EXAMPLES/scores-2022.csv"
	[ "$status" -eq 0 ] || fail "--opt=value: $err"
	a=$out
	run score --profile ombudsman-2022 --format csv "$EXAMPLES/scores-2022.csv"
	[ "$a" = "$out" ] || fail "--opt=value differs"
	# explain's and advise's errors are labelled with their own name
	run advise --profile ombudsman-2022 --format xml "$EXAMPLES/scores-2022.csv" X
	expect_bad 2 "advise: unknown format 'xml'"
	run explain --profile ombudsman-2022
	expect_bad 2 "explain: give a CSV FILE"
	run score --profile
	expect_bad 2 "score: unknown or incomplete option --profile"
}


PROFILES=$(cd "$(dirname "$0")/../../examples/profiles" && pwd)

case_indicator_scoring() {
	# Hand computation (unit = sum of W_d * share_d; shares are weighted means
	# of (answer - min)/(max - min)):
	#   Disdukcapil = 48921007/600000 = 81.535011.. -> 81.54
	#   DPMPTSP     = 93.72331                      -> 93.72
	#   Dinas Sosial (unit score given)             =  81.25
	#   entity = (81.54 + 93.72 + 81.25) / 3 = 85.50333.. -> 85.50, B
	run score --profile "$PROFILES/instrument-2023.json" --format csv "$EXAMPLES/answers-2023.csv"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -qx "Kota Contoh,kota,3,85.50,B,hijau,Kualitas Tinggi,1,1" || fail "got: $out"
	run explain --profile "$PROFILES/instrument-2023.json" --format json "$EXAMPLES/answers-2023.csv" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" >"$TMP/x.json"
	python3 - "$TMP/x.json" <<'PY' || fail "explain json"
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1]))
units = {u["unit"]: u for u in d["units"]}
assert units["Disdukcapil"]["score_exact"]["exact"] == "48921007/600000", units["Disdukcapil"]
assert units["Disdukcapil"]["score"] == "81.54"
assert units["DPMPTSP"]["score"] == "93.72"
assert units["Dinas Sosial"]["input"] == "unit score"
assert d["mean"]["exact"] == "25651/300" and d["score"] == "85.50"
assert d["band"]["category"] == "B" and "78.00" in d["band"]["why"]
assert d["profile"] == "contoh-instrumen-2023" and d["missing_policy"] == "error"
# an auditor recomputes the unit from the explanation: the contributions of
# the dimensions add up to the exact unit score
for name in ("Disdukcapil", "DPMPTSP"):
    u = units[name]
    dims = [n for n in u["nodes"] if n["depth"] == 0]
    total = sum(F(n["contribution"]["exact"]) for n in dims)
    assert total == F(u["score_exact"]["exact"]), (name, total)
    inp = [n for n in u["nodes"] if n["id"] == "input.1"][0]
    assert inp["weight"] == "12.22" and inp["confidence"] == "S"
PY
	run explain --profile "$PROFILES/instrument-2023.json" "$EXAMPLES/answers-2023.csv" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -q "unit Disdukcapil (indicator values): 48921007/600000 exact, 81.54 rounded" || fail "text: $out"
	echo "$out" | grep -q "input.1: weight 12.22 \[S\] given, value 3" || fail "text: $out"
	echo "$out" | grep -q "because 85.50 >= 78.00" || fail "text: $out"
	run explain --profile "$PROFILES/instrument-2023.json" "$EXAMPLES/answers-2023.csv" "Kota Lain"
	expect_bad 2 "entity 'Kota Lain' is not in"
}

case_json_input() {
	# the JSON form of the same answers gives the same result
	run score --profile "$PROFILES/instrument-2023.json" --format csv "$EXAMPLES/answers-2023.json"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -qx "Kota Contoh,kota,3,85.50,B,hijau,Kualitas Tinggi,1,1" || fail "got: $out"
	"$BIN" score --profile "$PROFILES/instrument-2023.json" --format csv - <"$EXAMPLES/answers-2023.json" >"$TMP/o" \
		|| fail "stdin json"
	grep -qx "Kota Contoh,kota,3,85.50,B,hijau,Kualitas Tinggi,1,1" "$TMP/o" || fail "stdin: $(cat "$TMP/o")"
	sed 's/"input.1": 3,/"input.1": 3.5,/' "$EXAMPLES/answers-2023.json" >"$TMP/bad.json"
	run score --profile "$PROFILES/instrument-2023.json" "$TMP/bad.json"
	expect_bad 2 "bad.json:10:24: \$.entities\[0\].units\[0\].values\[\"input.1\"\]: answer '3.5' to 'input.1' is outside its scale 0 to 3"
	printf '{"entities": [{"entity": "A", "entity_type": "kota", "units": [{"unit": "u"}]}]}' >"$TMP/bad2.json"
	run score --profile ombudsman-2022 "$TMP/bad2.json"
	expect_bad 2 'give either "score" or "values"'
}

case_advise() {
	# Raising Disdukcapil's pengaduan.3 from tidak to ya adds 21.54/3 = 7.18
	# points: 81.535.. + 7.18 = 88.715.. -> 88.72; entity (88.72 + 93.72 +
	# 81.25) / 3 = 87.896.. -> 87.90, still B. Then proses.2 from 2 to 3 adds
	# 32.37/2/3 = 5.395: 94.11; entity 269.08 / 3 = 89.69.. -> A.
	run advise --profile "$PROFILES/instrument-2023.json" "$EXAMPLES/answers-2023.csv" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -q "next band: A Kualitas Tertinggi from 88.00, 2.50 points away" || fail "$out"
	echo "$out" | grep -q " 1. Disdukcapil: raise pengaduan.3 .* +7.1800 points to the unit, +2.3933 to the entity -> 87.90$" || fail "$out"
	echo "$out" | grep -q " 2. Disdukcapil: raise proses.2 .* -> 89.69  (reaches the next band)" || fail "$out"
	[ "$(echo "$out" | grep -c '^ *[0-9]*\. ')" -eq 2 ] || fail "the plan should stop at the target: $out"
	run advise --profile "$PROFILES/instrument-2023.json" --format json "$EXAMPLES/answers-2023.csv" "Kota Contoh"
	echo "$out" | python3 -c '
import json, sys
from fractions import Fraction as F
d = json.load(sys.stdin)
assert d["target"]["band"] == "A" and d["reachable"] is True, d
gains = [F(s["entity_points"]["exact"]) for s in d["steps"]]
assert gains == sorted(gains, reverse=True), gains
assert F(d["steps"][0]["unit_points"]["exact"]) == F(2154, 100) / 3
' || fail "advise json"
	# an entity scored only from unit scores: the smallest rise of the unit
	# scores. Bekasi's 7 units sum to 511.17 (mean 73.0243 -> 73.02); B
	# needs a mean of 77.995: a sum of 545.965, 545.97 at two decimals,
	# +34.80 (545.97 / 7 = 77.9957 -> 78.00; 545.96 / 7 = 77.9943 -> 77.99)
	run advise --profile ombudsman-2022 "$EXAMPLES/scores-2022.csv" "Kabupaten Bekasi"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -q "next band: B Kualitas Tinggi from 78.00, 4.98 points away" || fail "$out"
	echo "$out" | grep -qF "the unit scores must rise by 34.80 points in all (the mean by 4.9714)" || fail "$out"
	echo "$out" | grep -qxF "  Dinas Pendidikan alone: from 62.62 to 97.42" || fail "$out"
	# --target and --lock reach the library (the plans themselves are
	# checked against brute force in tests/unit/test_advise_exact.c); a
	# locked node (pengaduan) holds every indicator below it
	run advise --profile "$PROFILES/instrument-2023.json" --target A --lock pengaduan,input.2 "$EXAMPLES/answers-2023.csv" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -q "^target: A Kualitas Tertinggi from 88.00, 2.50 points away$" || fail "$out"
	echo "$out" | grep -q "^locked, not raised: input.2, pengaduan.3$" || fail "$out"
	! echo "$out" | grep -q "raise pengaduan" || fail "a locked indicator raised: $out"
	run advise --profile "$PROFILES/instrument-2023.json" --target 89.5 "$EXAMPLES/answers-2023.csv" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -q "^target: 89.50 (A Kualitas Tertinggi), 4.00 points away$" || fail "$out"
	echo "$out" | grep -q "(reaches the target)$" || fail "$out"
	run advise --profile "$PROFILES/instrument-2023.json" --target Z "$EXAMPLES/answers-2023.csv" "Kota Contoh"
	expect_bad 2 "advise: target 'Z': "
	run advise --profile "$PROFILES/instrument-2023.json" --lock nope "$EXAMPLES/answers-2023.csv" "Kota Contoh"
	expect_bad 2 "advise: lock 'nope': profile contoh-instrumen-2023 has no node of that id"
	run score --profile "$PROFILES/instrument-2023.json" --target A "$EXAMPLES/answers-2023.csv"
	expect_bad 2 "score: --target and --lock are options of advise"
}

case_missing_policies() {
	grep -v "DPMPTSP,input.2," "$EXAMPLES/answers-2023.csv" >"$TMP/m.csv"
	run score --profile "$PROFILES/instrument-2023.json" "$TMP/m.csv"
	expect_bad 2 "unit 'DPMPTSP', node 'input.2': no answer given"
	# exclude: input share = (12.22*2/3 + 43.89) / 56.11; DPMPTSP = 93.0271.. -> 93.03;
	# entity (81.54 + 93.03 + 81.25) / 3 = 85.2733.. -> 85.27
	run score --profile "$PROFILES/instrument-2023.json" --missing exclude --format csv "$TMP/m.csv"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -qx "Kota Contoh,kota,3,85.27,B,hijau,Kualitas Tinggi,1,1" || fail "exclude: $out"
	# minimum: input.2 counts as 0; DPMPTSP = 84.133345 -> 84.13; entity 82.3066.. -> 82.31
	run score --profile "$PROFILES/instrument-2023.json" --missing minimum --format csv "$TMP/m.csv"
	echo "$out" | grep -qx "Kota Contoh,kota,3,82.31,B,hijau,Kualitas Tinggi,1,1" || fail "minimum: $out"
	run explain --profile "$PROFILES/instrument-2023.json" --missing minimum --format json "$TMP/m.csv" "Kota Contoh"
	echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
u = [u for u in d["units"] if u["unit"] == "DPMPTSP"][0]
assert d["missing_policy"] == "minimum" and u["missing_answers"] == ["input.2"], u
' || fail "explain missing"
}

case_opini_2025() {
	# 70% composite (user-given equal split 17.5 each) + 30% Kepercayaan:
	#   U1 = 0.7 * (80+70+60+50)/4 + 0.3 * 66.5 = 65.45; U2 = 70;
	#   entity = 135.45 / 2 = 67.725, a tie, half-up -> 67.73 C, qualified
	cat >"$TMP/o.csv" <<'CSV'
entity,entity_type,unit,indicator,value
Kabupaten Contoh,kabupaten,U1,input,80
Kabupaten Contoh,kabupaten,U1,proses,70
Kabupaten Contoh,kabupaten,U1,output,60
Kabupaten Contoh,kabupaten,U1,pengaduan,50
Kabupaten Contoh,kabupaten,U1,kepercayaan,66.5
Kabupaten Contoh,kabupaten,U2,komposit,70
Kabupaten Contoh,kabupaten,U2,kepercayaan,70
Kabupaten Contoh,kabupaten,@entity,supervision_followed_up,ya
Kota Contoh,kota,U1,komposit,60
Kota Contoh,kota,U1,kepercayaan,40
Kota Contoh,kota,@entity,supervision_followed_up,tidak
CSV
	run score --profile "$DATA/profiles/opini-2025.json" --format csv "$TMP/o.csv"
	[ "$status" -eq 0 ] || fail "$err"
	# C (54.00-77.99): Kualitas Pelayanan "Cukup" beside the Opini; no certificate
	# below Kualitas Tertinggi
	echo "$out" | grep -qx "Kabupaten Contoh,kabupaten,2,67.73,C,kuning,Kualitas Sedang Tanpa Maladministrasi,1,1,Cukup,no" || fail "got: $out"
	# 0.7*60 + 0.3*40 = 54.00: the lower bound of C, without the qualifier
	echo "$out" | grep -qx "Kota Contoh,kota,1,54.00,C,kuning,Kualitas Sedang,2,1,Cukup,no" || fail "got: $out"
	# the built-in 2025 profile lacks the split of the 70%: refused, naming it
	run score --profile ombudsman-2025 "$TMP/o.csv"
	expect_bad 2 "node 'input': its weight within komposit is not published"
	# but node scores for the composite itself need no split
	grep -v ",U1," "$TMP/o.csv" | grep -v "^Kota" >"$TMP/o2.csv"
	run score --profile ombudsman-2025 --format csv "$TMP/o2.csv"
	echo "$out" | grep -qx "Kabupaten Contoh,kabupaten,1,70.00,C,kuning,Kualitas Sedang Tanpa Maladministrasi,1,1,Cukup,no" || fail "got: $out $err"
}

case_profile_check() {
	run profile check "$PROFILES/instrument-2023.json"
	[ "$status" -eq 0 ] || fail "$err"
	run profile check "$DATA/profiles/bad-syntax.json"
	expect_bad 2 "bad-syntax.json:5:9: invalid JSON"
	run profile check "$DATA/profiles/bad-bands.json"
	expect_bad 2 "bad-bands.json:8:47: \$.bands\[1\].max: gap: scores from 79.00 up to 80.00"
	grep -q "bad-bands.json:9:47: \$.bands\[2\].max: overlap" "$TMP/err" || fail "overlap: $err"
	grep -q "\$.bands\[2\].min: the lowest band must start at the scale's minimum 0" "$TMP/err" || fail "cover: $err"
	run profile check "$DATA/profiles/bad-tree.json"
	expect_bad 2 "bad-tree.json:14:45: \$.nodes\[0\].children\[1\].scale: empty scale"
	for m in 'unknown key "wieght"' 'duplicate id "d1"' 'found "sure"' \
		'sum to 90, not to the declared total 100' 'within "d1" sum to 9, not to the declared total 10' \
		'weights of i3 within "d1" are not published'; do
		grep -qF "$m" "$TMP/err" || fail "missing '$m' in: $err"
	done
	run profile check "$DATA/profiles/missing-2025.json"
	expect_bad 2 "weights of input, proses, output, pengaduan within \"komposit\" are not published"
	run profile show ombudsman-2023
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -q "input (Input)  weight 21.85 \[S\]" || fail "show: $out"
	run profile show ombudsman-2025
	echo "$out" | grep -q "input (Input)  weight unknown \[unknown\]" || fail "show 2025: $out"
}

case_profile_show_labels() {
	# ombudsman-2025 shows both label sets published side by side
	# (METHODOLOGY.md §2, 2025), each band's label with its confidence
	run profile show ombudsman-2025
	[ "$status" -eq 0 ] || fail "$err"
	for l in "  0 opini (Opini Ombudsman RI)  for entities [S]" \
		"  1 kualitas-pelayanan (Kualitas Pelayanan)  for units, entities [S]" \
		"    A   88.00 - 100.00  Kualitas Tertinggi   [S]  certificate" \
		"    D   32.00 - 53.99   Kualitas Rendah      [S]" \
		"    A   88.00 - 100.00  Sangat Baik          [I]" \
		"    B   78.00 - 87.99   Baik                 [I]" \
		"    C   54.00 - 77.99   Cukup                [I]" \
		"    D   32.00 - 53.99   Kurang               [I]" \
		"    E    0.00 - 31.99   (not published)      [unknown]"; do
		echo "$out" | grep -qxF -- "$l" || fail "show 2025 lacks '$l': $out"
	done
	[ "$(echo "$out" | grep -c "]  certificate$")" -eq 1 ] || fail "one certificate: $out"
	# a profile with one label set shows no label set section
	run profile show ombudsman-2023
	! echo "$out" | grep -q "label sets" || fail "2023: $out"
	# 2026: the 2025 method, every number inferred
	run profile show ombudsman-2026
	[ "$status" -eq 0 ] || fail "$err"
	# (the confidence column is a line's first bracket; sources carried
	# over from 2025 may quote "[S]" after it and are checked in test_labels.c)
	! echo "$out" | grep -v "source: " | grep -E "\[[A-Za-z?]+\]" |
		sed -E 's/^[^[]*(\[[A-Za-z?]+\]).*/\1/' | grep -qE "^\[(S|V)\]$" ||
		fail "2026 has a stated number: $out"
	echo "$out" | grep -q "^  scale     \[I\] Carried over from ombudsman-2025" || fail "$out"
	echo "$out" | grep -q "    A   88.00 - 100.00  Kualitas Tertinggi   \[I\]  certificate" || fail "$out"
	# the score table carries the second set and the certificate
	run score --profile ombudsman-2025 --format csv "$DATA/labels-2025.csv"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -qxF "Provinsi Gorontalo,provinsi,3,76.82,C,kuning,Kualitas Sedang Tanpa Maladministrasi,3,2,Cukup,no" || fail "$out"
}

case_advise_deduction() {
	# deduction-2023.json deducts 10 for the flag supervision-ignored. By
	# hand: (81.54 + 93.72 + 81.25) / 3 - 10 = 75.503.. -> 75.50, C. Raising
	# pengaduan.3: (88.72 + 93.72 + 81.25) / 3 - 10 = 77.896.. -> 77.90, still
	# C; then proses.2: (94.11 + 93.72 + 81.25) / 3 - 10 = 79.693.. -> 79.69, B.
	local P="$DATA/profiles/deduction-2023.json" D="$DATA/answers-deduction-2023.json"
	run advise --profile "$P" "$D" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | grep -q "^Kota Contoh under test-deduction-2023: 75.50 (C)$" || fail "$out"
	echo "$out" | grep -q "next band: B Kualitas Tinggi from 78.00, 2.50 points away" || fail "$out"
	echo "$out" | grep -q " 1. Disdukcapil: raise pengaduan.3 .* -> 77.90$" || fail "$out"
	echo "$out" | grep -q " 2. Disdukcapil: raise proses.2 .* -> 79.69  (reaches the next band)$" || fail "$out"
	# every step against score: the answers raised up to it, scored afresh
	run advise --profile "$P" --format json "$D" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" >"$TMP/advice.json"
	python3 - "$TMP/advice.json" "$D" "$TMP" <<'PY' >"$TMP/steps.txt" || fail "differential setup"
import json, sys
advice = json.load(open(sys.argv[1]))
data = json.load(open(sys.argv[2]))
data["entities"] = [e for e in data["entities"] if e["entity"] == "Kota Contoh"]
for k, st in enumerate(advice["steps"]):
    for u in data["entities"][0]["units"]:
        if u["unit"] == st["unit"]:
            u["values"][st["indicator"]] = int(st["raise_to"])
    path = "%s/step%d.json" % (sys.argv[3], k + 1)
    json.dump(data, open(path, "w"))
    print(path, st["score_after"], st["band_after"], st["label_after"].replace(" ", "_"))
PY
	[ "$(wc -l <"$TMP/steps.txt")" -eq 2 ] || fail "steps: $(cat "$TMP/steps.txt")"
	while read -r path score band label; do
		run score --profile "$P" --format csv "$path"
		[ "$status" -eq 0 ] || fail "$err"
		echo "$out" | grep -qx "Kota Contoh,kota,3,$score,$band,[a-z]*,${label//_/ },1,1" \
			|| fail "advise says $score $band $label, score gives: $out"
	done <"$TMP/steps.txt"
}

case_explain_deduction() {
	local P="$DATA/profiles/deduction-2023.json" D="$DATA/answers-deduction-2023.json"
	run explain --profile "$P" "$D" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "$err"
	# the mean, then the deduction, then the value that is rounded
	printf '%s\n' "$out" | grep -A2 -x "mean of 3: 25651/300 (85.503333)" >"$TMP/m"
	[ "$(cat "$TMP/m")" = "$(printf '%s\n' "mean of 3: 25651/300 (85.503333)" \
		"less deductions of 10: 22651/300 (75.503333)" "score: 75.50")" ] || fail "$out"
	# the band's reason names the next band, B, not the entity's own, C
	echo "$out" | grep -qF "because 75.50 >= 54.00, the inclusive lower bound of category C (54.00 to 77.99), and below 78.00, the lower bound of the next band, category B (78.00 to 87.99)" \
		|| fail "$out"
	run explain --profile "$P" --format json "$D" "Kota Contoh"
	echo "$out" | python3 -c '
import json, sys
from fractions import Fraction as F
d = json.load(sys.stdin)
assert d["mean"]["exact"] == "25651/300", d["mean"]
assert d["deduction"]["exact"] == "10", d["deduction"]
assert F(d["value"]["exact"]) == F(d["mean"]["exact"]) - 10, d["value"]
assert d["clamped"] is False and d["score"] == "75.50" and d["count"] == 3
assert d["label"] == "Kualitas Sedang Tanpa Maladministrasi", d["label"]
assert "next band, category B (78.00 to 87.99)" in d["band"]["why"], d["band"]["why"]
' || fail "explain json"
}

case_advise_errors() {
	# ten groups whose weights sum to distinct primes near 10^9: the score is
	# small (78.15), the sum of the advised gains outgrows 128 bits
	run advise --profile "$DATA/profiles/advise-overflow.json" "$DATA/answers-advise-overflow.json" "Kota Besar"
	expect_bad 2 "^compliance: advise (entity at index 0): entity 'Kota Besar': the advice's exact sums grew too large to hold$"
	! grep -q "explain" "$TMP/err" || fail "labelled explain: $err"
	run advise --profile "$PROFILES/instrument-2023.json" "$EXAMPLES/answers-2023.csv" "Kota Lain"
	expect_bad 2 "^compliance: advise: entity 'Kota Lain' is not in"
	run explain --profile "$PROFILES/instrument-2023.json" "$EXAMPLES/answers-2023.csv" "Kota Lain"
	expect_bad 2 "^compliance: explain: entity 'Kota Lain' is not in"
}

case_unit_count_warning() {
	# Provinsi Contoh has 5 units where 2022 has 6 to 7 (docs/methodology.md
	# §1): scored all the same, with a warning; 7 units and a ministry's 2
	# (no published range) give none
	run score --profile ombudsman-2022 --format csv "$EXAMPLES/scores-2022.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	echo "$out" | grep -qx "Provinsi Contoh,provinsi,5,51.47,D,merah,Kualitas Rendah,5,1" || fail "$out"
	[ "$err" = "compliance: warning: entity 'Provinsi Contoh' has 5 units; profile ombudsman-2022 expects 6 to 7: scored all the same" ] \
		|| fail "stderr: $err"
	run profile show ombudsman-2025
	echo "$out" | grep -qx "units     provinsi 3 to 6, kota 3 to 6, kabupaten 3 to 6; other types unknown" || fail "$out"
	echo "$out" | grep -q "^  units     \[S\] Local governments 2025" || fail "$out"
	run profile show ombudsman-2021
	echo "$out" | grep -qx "units     unknown" || fail "$out"
}

"case_$CASE"
echo "ok: $CASE"
