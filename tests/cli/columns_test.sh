#!/usr/bin/env bash
# End-to-end tests of the kept columns (issue 12): `score --summary
# --group-by COLUMN` and `compare --id-column COLUMN`. Usage:
# columns_test.sh BIN DATA EXAMPLES CASE (DATA: tests/data, EXAMPLES:
# examples/data).
#
# The summary's counts are checked against an independent count made here
# (python3, exact Decimal): each entity's mean of its unit scores, rounded
# half-up to 2 decimals, classified by the categories METHODOLOGY.md §2
# publishes for 2022-2024 (A >= 88.00, B >= 78.00, C >= 54.00, D >= 32.00,
# else E; A, B hijau, C kuning, D, E merah), grouped by the entity's
# Provinsi; never copied from the program's output.
set -u
BIN=$1
DATA=$2
EXAMPLES=$3
CASE=$4
. "$(dirname "$0")/lib.sh"

EXCEL=$EXAMPLES/skor-2022-excel.csv

# expected_groups FILE: "group,<provinsi>,total,A,B,C,D,E,hijau,kuning,merah"
# lines counted from FILE (Excel's Indonesian CSV: BOM, ';', decimal comma,
# columns Provinsi, Nama Entitas, Nilai), in no particular order.
expected_groups() {
	python3 - "$1" <<'EOF'
import csv, sys
from decimal import Decimal, ROUND_HALF_UP
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""), delimiter=";"))
units, prov = {}, {}
for r in rows:
    name = " ".join((r["Nama Entitas"] or "").split())
    if not name:
        continue  # Excel's empty rows
    units.setdefault(name, []).append(Decimal(r["Nilai"].replace(",", ".")))
    p = " ".join((r["Provinsi"] or "").split())
    if p:
        prov.setdefault(name, p)
def category(s):
    for c, lo in (("A", 88), ("B", 78), ("C", 54), ("D", 32)):
        if s >= Decimal(lo):
            return c
    return "E"
zone = {"A": "hijau", "B": "hijau", "C": "kuning", "D": "merah", "E": "merah"}
counts = {}
for name, us in units.items():
    score = (sum(us) / len(us)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    c = category(score)
    g = counts.setdefault(prov.get(name, ""), dict.fromkeys("total A B C D E hijau kuning merah".split(), 0))
    g["total"] += 1
    g[c] += 1
    g[zone[c]] += 1
for p, g in counts.items():
    print("group,%s,%s" % (p, ",".join(str(g[k]) for k in "total A B C D E hijau kuning merah".split())))
EOF
}

# score --summary --group-by Provinsi on the bundled Excel example: every
# group's counts as counted independently, the group column named
case_summary_group_by() {
	local want
	want=$(expected_groups "$EXCEL" | sort)
	[ "$(echo "$want" | wc -l)" -ge 2 ] || fail "the independent count found fewer than 2 groups: $want"
	run score --profile ombudsman-2022 --summary --group-by Provinsi --format csv "$EXCEL"
	[ "$status" -eq 0 ] || fail "$err"
	head -n 1 "$TMP/out" | grep -qxF "by,group,total,A,B,C,D,E,hijau,kuning,merah" || fail "$out"
	[ "$(grep '^group,' "$TMP/out" | sort)" = "$want" ] || fail "groups: got
$(grep '^group,' "$TMP/out")
want
$want"
	# the header matched whatever its case; the table and JSON forms
	run score --profile ombudsman-2022 --summary --group-by PROVINSI "$EXCEL"
	[ "$status" -eq 0 ] || fail "$err"
	grep -qE '^Jawa Barat +1 ' "$TMP/out" || fail "$out"
	run score --profile ombudsman-2022 --summary --group-by provinsi --format json "$EXCEL"
	[ "$status" -eq 0 ] || fail "$err"
	python3 - "$TMP/out" <<'EOF' || fail "$out"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["group_column"] == "provinsi", d
assert sum(g["total"] for g in d["by_group"].values()) == d["all"]["total"] == 5, d
assert d["ungrouped"] == [], d
EOF
}

# an empty cell takes the entity's value; an entity without any is counted
# as "(no group)" and listed; a conflict names both lines, the column and
# both values, and nothing is printed
case_summary_group_by_cells() {
	local want
	# Kota Contoh's first row empty (takes "Contoh"); every row of the
	# Kementerian empty (no group)
	sed -e 's/^8;Contoh;/8;;/' -e 's/^\(2[78]\);Contoh;/\1;;/' "$EXCEL" >"$TMP/cells.csv"
	want=$(expected_groups "$TMP/cells.csv" | sort)
	echo "$want" | grep -q '^group,,1,' || fail "the fixture has no entity without a group: $want"
	run score --profile ombudsman-2022 --summary --group-by Provinsi --format csv "$TMP/cells.csv"
	[ "$status" -eq 0 ] || fail "$err"
	[ "$(grep '^group,' "$TMP/out" | sort)" = "$want" ] || fail "groups: got
$(grep '^group,' "$TMP/out")
want
$want"
	run score --profile ombudsman-2022 --summary --group-by Provinsi "$TMP/cells.csv"
	[ "$status" -eq 0 ] || fail "$err"
	grep -qE '^\(no group\) +1 ' "$TMP/out" || fail "$out"
	grep -qxF "no group (empty column): Kementerian Contoh" "$TMP/out" || fail "$out"
	# a conflict: row 12 (line 13) of Kota Contoh says Bali
	sed -e 's/^12;Contoh;/12;Bali;/' -e 's/^25;Contoh;/25;Jambi;/' "$EXCEL" >"$TMP/conflict.csv"
	run score --profile ombudsman-2022 --summary --group-by Provinsi "$TMP/conflict.csv"
	[ "$status" -eq 2 ] || fail "status $status: $out"
	[ -z "$out" ] || fail "printed: $out"
	grep -qF "conflict.csv:13: field 'Provinsi': entity 'Kota Contoh' has 'Bali' here but 'Contoh' at $TMP/conflict.csv:9: a kept column holds one value per entity" "$TMP/err" || fail "$err"
	# every conflict is reported
	grep -qF "conflict.csv:26: field 'Provinsi': entity 'Provinsi Contoh' has 'Jambi' here but 'Contoh' at $TMP/conflict.csv:23" "$TMP/err" || fail "$err"
}

case_summary_group_by_errors() {
	run score --profile ombudsman-2022 --summary --group-by Kabupaten "$EXCEL"
	[ "$status" -eq 2 ] || fail "status $status"
	grep -qF "skor-2022-excel.csv:1: the header has no column 'Kabupaten' (the column to keep, e.g. --group-by or --id-column): found No;Provinsi;Nama Entitas;Jenis;Unit Layanan;Nilai;Catatan" "$TMP/err" || fail "$err"
	printf 'entity,group\n' >"$TMP/g.csv"
	run score --profile ombudsman-2022 --summary --group-by Provinsi --group "$TMP/g.csv" "$EXCEL"
	[ "$status" -eq 2 ] || fail "status $status"
	grep -qF "score: give --group FILE or --group-by COLUMN, not both" "$TMP/err" || fail "$err"
	run score --profile ombudsman-2022 --group-by Provinsi "$EXCEL"
	[ "$status" -eq 2 ] || fail "status $status"
	grep -qF "score: --group-by COLUMN goes with --summary" "$TMP/err" || fail "$err"
	run explain --profile ombudsman-2022 --group-by Provinsi "$EXCEL" "Kota Contoh"
	[ "$status" -eq 2 ] || fail "status $status"
	grep -qF "explain: --summary, --units, --group and --group-by are options of score" "$TMP/err" || fail "$err"
}

# compare --id-column: the two years' files with a "kode" column; the
# Betas are spelled differently ("Kabupaten  Beta", "Kab. Beta") and join
# on their id, as with the id map (tests/data/compare/ids.csv):
# (70 + 80) / 2 = 75.00 C -> (80 + 80 + 77) / 3 = 79.00 B, +4.00
with_ids() { # IN OUT: adds kode = a number per normalised name
	awk -F, -v OFS=, 'NR == 1 { print $0, "kode"; next }
		{ n = tolower($1); gsub(/ +/, " ", n); sub(/ $/, "", n)
		  id = "3174"
		  if (n == "kota alpha") id = "3171"
		  if (n ~ /beta/) id = " 3201 "
		  if (n == "kota gamma") id = "3273"
		  if (n == "provinsi delta") id = "32"
		  if (n == "kota lama") id = "3172"
		  print $0, id }' "$1" >"$2"
}

case_compare_id_column() {
	with_ids "$DATA/compare/scores-2023.csv" "$TMP/a.csv"
	with_ids "$DATA/compare/scores-2024.csv" "$TMP/b.csv"
	run compare --profile-a ombudsman-2023 --profile-b ombudsman-2024 --id-column KODE "$TMP/a.csv" "$TMP/b.csv"
	[ "$status" -eq 0 ] || fail "$err"
	grep -qxF "Kab. Beta (before: Kabupaten Beta) | kabupaten | 75.00 | 79.00 | +4.00 | C -> B | up" "$TMP/out" || fail "$out"
	grep -qxF "KOTA ALPHA (before: Kota Alpha) | kota | 88.00 | 85.50 | -2.50 | A -> B | down  DROPPED" "$TMP/out" || fail "$out"
	grep -qxF "only before: Kota Lama" "$TMP/out" || fail "$out"
	grep -qxF "only after: Kota Baru" "$TMP/out" || fail "$out"
	# the same join as the id map gives
	run compare --profile ombudsman-2024 --id-column kode --format csv "$TMP/a.csv" "$TMP/b.csv"
	[ "$status" -eq 0 ] || fail "$err"
	cp "$TMP/out" "$TMP/by-column.csv"
	run compare --profile ombudsman-2024 --id-map "$DATA/compare/ids.csv" --format csv "$TMP/a.csv" "$TMP/b.csv"
	[ "$status" -eq 0 ] || fail "$err"
	cmp -s "$TMP/out" "$TMP/by-column.csv" || fail "--id-column and --id-map differ: $(diff "$TMP/out" "$TMP/by-column.csv")"
	# read as score reads: the second year as Excel's Indonesian CSV
	sed -e 's/,/;/g' -e 's/\.\([0-9][0-9]\);/,\1;/' "$TMP/b.csv" >"$TMP/b-excel.csv"
	run compare --profile ombudsman-2024 --id-column kode "$TMP/a.csv" "$TMP/b-excel.csv"
	[ "$status" -eq 0 ] || fail "$err"
	grep -qxF "Kab. Beta (before: Kabupaten Beta) | kabupaten | 75.00 | 79.00 | +4.00 | C -> B | up" "$TMP/out" || fail "$out"
}

case_compare_id_column_errors() {
	with_ids "$DATA/compare/scores-2023.csv" "$TMP/a.csv"
	with_ids "$DATA/compare/scores-2024.csv" "$TMP/b.csv"
	# an entity without an id
	sed 's/^\(Kota Baru,.*\),3174$/\1,/' "$TMP/b.csv" >"$TMP/noid.csv"
	run compare --profile ombudsman-2024 --id-column kode "$TMP/a.csv" "$TMP/noid.csv"
	[ "$status" -eq 2 ] || fail "status $status: $out"
	grep -qF "compare: entity 'Kota Baru' of the second assessment has no value in the id column 'kode': give its id on one of its rows" "$TMP/err" || fail "$err"
	# two entities with one id (Kota Lama given Kota Alpha's)
	sed 's/^\(Kota Lama,.*\),3172$/\1,3171/' "$TMP/a.csv" >"$TMP/dup.csv"
	run compare --profile ombudsman-2024 --id-column kode "$TMP/dup.csv" "$TMP/b.csv"
	[ "$status" -eq 2 ] || fail "status $status: $out"
	grep -qF "compare: entities 'Kota Alpha' and 'Kota Lama' of the first assessment have the same id '3171' (column 'kode', at $TMP/dup.csv:2 and $TMP/dup.csv:8): an id names one entity" "$TMP/err" || fail "$err"
	# the column missing from one file
	run compare --profile ombudsman-2024 --id-column kode "$TMP/a.csv" "$DATA/compare/scores-2024.csv"
	[ "$status" -eq 2 ] || fail "status $status"
	grep -qF "scores-2024.csv:1: the header has no column 'kode'" "$TMP/err" || fail "$err"
	run compare --profile ombudsman-2024 --id-column kode --id-map "$DATA/compare/ids.csv" "$TMP/a.csv" "$TMP/b.csv"
	[ "$status" -eq 2 ] || fail "status $status"
	grep -qF "compare: give --id-map FILE or --id-column COLUMN, not both" "$TMP/err" || fail "$err"
}

"case_$CASE"
