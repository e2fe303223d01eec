#!/usr/bin/env bash
# End-to-end tests of `compliance compare` (issue 12). Usage:
# compare_test.sh BIN DATA CASE. Fixtures in tests/data/compare; the
# expected values are worked out by hand below.
#
# scores-2023.csv (ombudsman-2023): Kota Alpha (90 + 86) / 2 = 88.00 A;
# "Kabupaten  Beta" (read as "Kabupaten Beta": runs of spaces are one) (70 + 80) / 2 = 75.00 C; Kota Gamma 50.00 D; Provinsi
# Delta 80.00 B; Kota Lama 60.00 C (2023 only).
# scores-2024.csv (ombudsman-2024): "KOTA ALPHA " (85 + 86) / 2 = 85.50 B
# (a drop, -2.50; its unit "dinas  b" is Dinas B); "Kab. Beta" (80 + 80 +
# 77) / 3 = 79.00 B (+4.00 when joined by the id map; Dinas C new); "kota
# gamma" 55.00 C (+5.00); Provinsi Delta 80.00 B (0.00); Kota Baru 91.00 A
# (2024 only).
set -u
BIN=$1
DATA=$2/compare
DATA_ROOT=$2
CASE=$3
. "$(dirname "$0")/lib.sh"

A=$DATA/scores-2023.csv
B=$DATA/scores-2024.csv

case_compare_table() {
	run compare --profile-a ombudsman-2023 --profile-b ombudsman-2024 "$A" "$B"
	[ "$status" -eq 0 ] || fail "$err"
	grep -qxF "before: ombudsman-2023, 5 entities; after: ombudsman-2024, 5 entities" "$TMP/out" || fail "$out"
	! grep -q "warning" "$TMP/out" || fail "2023 and 2024 are comparable: $out"
	grep -qxF "KOTA ALPHA (before: Kota Alpha) | kota | 88.00 | 85.50 | -2.50 | A -> B | down  DROPPED" "$TMP/out" || fail "$out"
	grep -qxF "    unit Dinas B: 86.00 -> 86.00 (0.00)" "$TMP/out" || fail "$out"
	grep -qxF "kota gamma (before: Kota Gamma) | kota | 50.00 | 55.00 | +5.00 | D -> C | up" "$TMP/out" || fail "$out"
	grep -qxF "Provinsi Delta | provinsi | 80.00 | 80.00 | 0.00 | B -> B | same" "$TMP/out" || fail "$out"
	# without the id map the two Betas do not join
	grep -qxF "only before: Kabupaten Beta, Kota Lama" "$TMP/out" || fail "$out"
	grep -qxF "only after: Kota Baru, Kab. Beta" "$TMP/out" || fail "$out"
	grep -qxF "biggest rises: kota gamma +5.00" "$TMP/out" || fail "$out"
	grep -qxF "biggest falls: KOTA ALPHA -2.50" "$TMP/out" || fail "$out"
	grep -qxF "A             0      1      0      0      0" "$TMP/out" || fail "$out"
	grep -qxF "D             0      0      1      0      0" "$TMP/out" || fail "$out"
}

case_compare_id_map() {
	run compare --profile ombudsman-2024 --id-map "$DATA/ids.csv" "$A" "$B"
	[ "$status" -eq 0 ] || fail "$err"
	grep -qxF "Kab. Beta (before: Kabupaten Beta) | kabupaten | 75.00 | 79.00 | +4.00 | C -> B | up" "$TMP/out" || fail "$out"
	grep -qxF "    unit Dinas C: - -> 77.00 (only in one year)" "$TMP/out" || fail "$out"
	grep -qxF "biggest rises: kota gamma +5.00, Kab. Beta +4.00" "$TMP/out" || fail "$out"
	grep -qxF "only before: Kota Lama" "$TMP/out" || fail "$out"
	grep -qxF "C             0      1      0      0      0" "$TMP/out" || fail "$out"
	printf 'name,id\nx,1\n' >"$TMP/bad.csv"
	run compare --profile ombudsman-2024 --id-map "$TMP/bad.csv" "$A" "$B"
	[ "$status" -eq 2 ] || fail "bad map: exit $status"
	grep -qF "compare: id map, line 1: expected the header entity,id" "$TMP/err" || fail "$err"
	printf 'entity,id\nx,1\ny\n' >"$TMP/bad.csv"
	run compare --profile ombudsman-2024 --id-map "$TMP/bad.csv" "$A" "$B"
	[ "$status" -eq 2 ] || fail "bad map: exit $status"
	grep -qF "compare: id map, line 3: expected two fields" "$TMP/err" || fail "$err"
}

case_compare_csv_json() {
	run compare --profile ombudsman-2024 --id-map "$DATA/ids.csv" --format csv "$A" "$B"
	[ "$status" -eq 0 ] || fail "$err"
	[ "$(head -1 "$TMP/out")" = "entity,entity_type,unit,score_before,score_after,change,category_before,category_after,move,dropped,presence" ] || fail "$out"
	grep -qxF "KOTA ALPHA,kota,,88.00,85.50,-2.50,A,B,down,yes,both" "$TMP/out" || fail "$out"
	grep -qxF "Kab. Beta,kabupaten,,75.00,79.00,4.00,C,B,up,no,both" "$TMP/out" || fail "$out"
	grep -qxF "Kab. Beta,kabupaten,Dinas C,,77.00,,,,,,after" "$TMP/out" || fail "$out"
	grep -qxF "Kota Lama,,,60.00,,,C,,,,before" "$TMP/out" || fail "$out"
	grep -qxF "Kota Baru,,,,91.00,,,A,,,after" "$TMP/out" || fail "$out"
	run compare --profile ombudsman-2024 --id-map "$DATA/ids.csv" --format json "$A" "$B"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["comparable"] is True and d["method_differences"] == [], d
rows = {r["entity"]: r for r in d["entities"]}
assert rows["KOTA ALPHA"]["dropped"] is True and rows["KOTA ALPHA"]["change"] == "-2.50"
assert rows["Kab. Beta"]["entity_before"] == "Kabupaten Beta"
assert [u["unit"] for u in rows["Kab. Beta"]["units"]] == ["Dinas A", "Dinas B", "Dinas C"]
assert rows["Kab. Beta"]["units"][2]["score_before"] is None
assert [m["entity"] for m in d["biggest_rises"]] == ["kota gamma", "Kab. Beta"]
assert [m["entity"] for m in d["biggest_falls"]] == ["KOTA ALPHA"]
assert d["transitions"]["A"]["B"] == 1 and d["transitions"]["C"]["B"] == 1
assert d["transitions"]["D"]["C"] == 1 and d["transitions"]["B"]["B"] == 1
assert sum(sum(r.values()) for r in d["transitions"].values()) == 4
assert [e["entity"] for e in d["only_before"]] == ["Kota Lama"]
assert [e["entity"] for e in d["only_after"]] == ["Kota Baru"]
' || fail "json: $out"
}

# 2024 against 2025: the profiles' dimensions differ (METHODOLOGY §2:
# not comparable); 2019 publishes no tree: the check is partial; zone
# editions move by zone
case_compare_editions() {
	run compare --profile-a ombudsman-2024 --profile-b ombudsman-2025 "$A" "$B"
	[ "$status" -eq 0 ] || fail "$err"
	grep -qxF "warning: the methods differ, the scores are not comparable:" "$TMP/out" || fail "$out"
	grep -qxF "  the dimensions differ: input, proses, output, pengaduan against komposit, kepercayaan" "$TMP/out" || fail "$out"
	run compare --profile-a ombudsman-2024 --profile-b ombudsman-2025 --format json "$A" "$B"
	echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["comparable"] is False and len(d["method_differences"]) == 1, d
' || fail "json: $out"
	run compare --profile-a ombudsman-2022 --profile-b ombudsman-2023 --format json "$A" "$B"
	echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["comparable"] is True, d["method_differences"]
' || fail "2022/2023: $out"
	run compare --profile-a ombudsman-2019 --profile-b ombudsman-2021 "$A" "$B"
	[ "$status" -eq 0 ] || fail "$err"
	grep -qxF "note: a profile publishes no indicator tree: the methods could not be compared in full" "$TMP/out" || fail "$out"
	grep -qxF "KOTA ALPHA (before: Kota Alpha) | kota | 88.00 | 85.50 | -2.50 | hijau -> hijau | same" "$TMP/out" || fail "$out"
	run compare --profile-a ombudsman-2023 --profile-b ombudsman-2021 --format json "$A" "$B"
	echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["comparable"] is False and d["move_by"] == "zone", d
assert any("roll-up" in x for x in d["method_differences"]), d
assert any("bands" in x for x in d["method_differences"]), d
rows = {r["entity"]: r for r in d["entities"]}
# 88.00 A (hijau) -> 85.50 hijau: same zone; 50.00 D (merah) -> 55.00 kuning: up
assert rows["KOTA ALPHA"]["move"] == "same" and rows["kota gamma"]["move"] == "up", rows
' || fail "2023/2021: $out"
}

case_compare_usage() {
	run compare --profile ombudsman-2024 "$A"
	[ "$status" -eq 2 ] || fail "one file: exit $status"
	grep -qF "compare: give two files, FILE_A and FILE_B" "$TMP/err" || fail "$err"
	run compare "$A" "$B"
	[ "$status" -eq 2 ] || fail "no profile: exit $status"
	run compare --profile ombudsman-2024 --profile-a ombudsman-2023 "$A" "$B"
	[ "$status" -eq 2 ] || fail "both: exit $status"
	run compare --profile ombudsman-2024 --format xml "$A" "$B"
	[ "$status" -eq 2 ] || fail "format: exit $status"
	run compare --help
	[ "$status" -eq 0 ] || fail "help: exit $status"
	grep -qF -- "--profile-a ID|FILE" "$TMP/out" || fail "$out"
	# an input error names the file and line
	printf 'entity,entity_type,unit,score\nKota X,kota,U,200\n' >"$TMP/bad.csv"
	run compare --profile ombudsman-2024 "$A" "$TMP/bad.csv"
	[ "$status" -eq 2 ] || fail "bad input: exit $status"
	grep -qF "bad.csv:2" "$TMP/err" || fail "$err"
}

# score --summary: scores-2023.csv under ombudsman-2023 is Alpha 88.00 A,
# Delta 80.00 B, Beta 75.00 C, Lama 60.00 C, Gamma 50.00 D; the kota are
# Alpha, Lama, Gamma (A, C, D).
case_score_summary() {
	printf 'entity,group\nKota Alpha,Jawa Barat\nkota  gamma,Jawa Barat\nProvinsi Delta,Jawa Timur\n' >"$TMP/g.csv"
	run score --profile ombudsman-2023 --summary --group "$TMP/g.csv" --format csv "$A"
	[ "$status" -eq 0 ] || fail "$err"
	[ "$out" = "by,group,total,A,B,C,D,E,hijau,kuning,merah
all,all,5,1,1,2,1,0,2,2,1
entity_type,kota,3,1,0,1,1,0,1,1,1
entity_type,provinsi,1,0,1,0,0,0,1,0,0
entity_type,kabupaten,1,0,0,1,0,0,0,1,0
group,Jawa Barat,2,1,0,0,1,0,1,0,1
group,Jawa Timur,1,0,1,0,0,0,1,0,0" ] || fail "$out"
	run score --profile ombudsman-2023 --summary --group "$TMP/g.csv" "$A"
	grep -qxF "not in any group: Kabupaten Beta, Kota Lama" "$TMP/out" || fail "$out"
	grep -qE "^all +5 +1 +1 +2 +1 +0 +2 +2 +1$" "$TMP/out" || fail "$out"
	run score --profile ombudsman-2023 --summary --format json "$A"
	echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["all"]["total"] == 5 and d["all"]["categories"] == {"A": 1, "B": 1, "C": 2, "D": 1, "E": 0}, d
assert d["all"]["zones"] == {"hijau": 2, "kuning": 2, "merah": 1}, d
assert d["by_entity_type"]["kota"]["categories"]["D"] == 1 and "by_group" not in d, d
' || fail "json: $out"
	# zone-only editions count zones only
	run score --profile ombudsman-2019 --summary --format csv "$A"
	[ "$(head -1 "$TMP/out")" = "by,group,total,hijau,kuning,merah" ] || fail "$out"
	grep -qxF "all,all,5,1,3,1" "$TMP/out" || fail "$out"  # hijau from 81.00: only 88.00
	run score --profile ombudsman-2023 --group "$TMP/g.csv" "$A"
	[ "$status" -eq 2 ] || fail "--group alone: exit $status"
	printf 'entity,province\nx,y\n' >"$TMP/bad.csv"
	run score --profile ombudsman-2023 --summary --group "$TMP/bad.csv" "$A"
	[ "$status" -eq 2 ] || fail "bad group map: exit $status"
	grep -qF "summary: group map, line 1: expected the header entity,group" "$TMP/err" || fail "$err"
}

case_score_units() {
	run score --profile ombudsman-2023 --units --format csv "$A"
	[ "$status" -eq 0 ] || fail "$err"
	[ "$(head -3 "$TMP/out")" = "entity,entity_type,unit,score,exact,entity_score,entity_rank
Kota Alpha,kota,Dinas A,90.00,90,88.00,1
Kota Alpha,kota,Dinas B,86.00,86,88.00,1" ] || fail "$out"
	[ "$(wc -l <"$TMP/out")" -eq 8 ] || fail "7 units: $out"
	# exact unit scores from answers: Kota Contoh's Disdukcapil is
	# 21.85 * (12.22 + 43.89 * 2/3 + 43.89) / 100 + 32.37 * 5/6 + 24.24 * 8/9
	# + 21.54 * 2/3 = 81.535.. -> 81.54
	run score --profile "$(dirname "$0")/../../examples/profiles/instrument-2023.json" --units --format json "$(dirname "$0")/../../examples/data/answers-2023.csv"
	[ "$status" -eq 0 ] || fail "$err"
	echo "$out" | python3 -c '
import json, sys
from fractions import Fraction as F
d = json.load(sys.stdin)
u = [r for r in d if r["unit"] == "Disdukcapil"][0]
inp = (F(1222, 100) + F(4389, 100) * F(2, 3) + F(4389, 100)) / 100
want = F(2185, 100) * inp + F(3237, 100) * F(5, 6) + F(2424, 100) * F(8, 9) + F(2154, 100) * F(2, 3)
assert F(u["exact"]) == want and u["score"] == "81.54", (u, float(want))
' || fail "json: $out"
	run explain --profile ombudsman-2023 --units "$A" "Kota Alpha"
	[ "$status" -eq 2 ] || fail "explain --units: exit $status"
}

# several FILEs in one run: one ranking over all of them
case_score_files() {
	head -3 "$B" >"$TMP/b1.csv"
	{ head -1 "$B"; tail -n +4 "$B" | grep -v "Provinsi Delta"; } >"$TMP/b2.csv"
	run score --profile ombudsman-2024 --format csv "$TMP/b1.csv" "$TMP/b2.csv"
	[ "$status" -eq 0 ] || fail "$err"
	# Baru 91.00, ALPHA 85.50, Beta 79.00, gamma 55.00
	[ "$(cut -d, -f1,4,8 "$TMP/out" | tail -n +2 | tr '\n' ';')" = "Kota Baru,91.00,1;KOTA ALPHA,85.50,2;Kab. Beta,79.00,3;kota gamma,55.00,4;" ] || fail "$out"
	# an entity's unit given in two files is refused, naming the second file
	run score --profile ombudsman-2024 "$B" "$B"
	[ "$status" -eq 2 ] || fail "twice: exit $status"
	grep -qF "scores-2024.csv:2: field 'unit'" "$TMP/err" || fail "$err"
}

# advise refuses a plan whose exact tables would be too large (60 units of
# four 0-100 indicators: 24000 steps), saying why, instead of running long
case_advise_too_large() {
	python3 - "$DATA_ROOT/profiles/advise-small.json" "$TMP" <<'PY' || fail "setup"
import json, sys
d = json.load(open(sys.argv[1]))
for n in d["nodes"]:
    for c in n["children"]:
        c["scale"] = {"min": 0, "max": 100}
d["id"] = "wide"
json.dump(d, open(sys.argv[2] + "/wide.json", "w"))
with open(sys.argv[2] + "/wide.csv", "w") as f:
    f.write("entity,entity_type,unit,indicator,value\n")
    for u in range(60):
        for i in ("p.1", "q.1", "r.1", "s.1"):
            f.write("K,kota,U%d,%s,0\n" % (u, i))
PY
	run advise --profile "$TMP/wide.json" "$TMP/wide.csv" K
	[ "$status" -eq 2 ] || fail "exit $status"
	grep -qF "entity 'K': 24000 answer steps in 60 units are too many to plan exactly" "$TMP/err" || fail "$err"
}

"case_$CASE"
echo "ok: $CASE"
