#!/usr/bin/env bash
# End-to-end tests of spreadsheet input (issue 9, input): the Excel files
# of tests/data/excel read by `compliance score` with the dialect found or
# chosen, --encoding, --columns, --names, --max-errors, every error printed.
# Usage: excel_test.sh BIN DATA CASE. Expected scores are derived by hand in
# tests/unit/test_csv_dialects.c.
set -u
BIN=$1
DATA=$2
CASE=$3
X=$DATA/excel
INSTRUMENT=$DATA/../../examples/profiles/instrument-2023.json
. "$(dirname "$0")/lib.sh"

# ';', decimal comma, BOM, CRLF, Indonesian headers among extra columns:
# found from the header row, said on stderr; the same whatever LC_ALL says
# (the program never calls setlocale(3); unit.test_locale reads these files
# through the library under id_ID and de_DE) and from stdin.
case_score_excel_dialect() {
	for loc in C id_ID.UTF-8 de_DE.UTF-8; do
		LC_ALL=$loc run score --profile ombudsman-2022 --format csv "$X/excel-id-scores.csv"
		[ "$status" -eq 0 ] || fail "$loc: $err"
		echo "$out" | grep -qx "Kabupaten Bogor,kabupaten,2,88.00,A,hijau,Kualitas Tertinggi,1,1" ||
			fail "$loc: $out"
		echo "$out" | grep -qx "Kota Bandung,kota,2,68.76,C,kuning,Kualitas Sedang,2,1" ||
			fail "$loc: $out"
		grep -qF "excel-id-scores.csv: read as Excel CSV of the Indonesian locale (';' between fields, decimal comma), found from its header row" "$TMP/err" ||
			fail "$loc: no dialect line: $err"
	done
	"$BIN" score --profile ombudsman-2022 --format csv --dialect excel-id - \
		<"$X/excel-id-scores.csv" >"$TMP/out" 2>"$TMP/err" || fail "stdin: $(cat "$TMP/err")"
	grep -qx "Kota Bandung,kota,2,68.76,C,kuning,Kualitas Sedang,2,1" "$TMP/out" || fail "stdin"
	grep -qF "<stdin>: read as Excel CSV" "$TMP/err" || fail "stdin: $(cat "$TMP/err")"
	# an RFC 4180 file says nothing about its dialect
	run score --profile ombudsman-2022 "$X/names-case.csv" --names merge
	[ "$status" -eq 0 ] || fail "rfc: $err"
	! grep -q "read as" "$TMP/err" || fail "rfc: $err"
	# chosen RFC 4180 for a ';' file: the option is named, no generic header message
	run score --profile ombudsman-2022 --dialect rfc4180 "$X/excel-id-scores.csv"
	[ "$status" -eq 2 ] || fail "rfc4180: exit $status"
	grep -qF "the header is one column" "$TMP/err" || fail "rfc4180: $err"
	grep -qF -- "--dialect excel-id" "$TMP/err" || fail "rfc4180: $err"
	! grep -qF "expected the header" "$TMP/err" || fail "rfc4180: $err"
	# a decimal comma in a comma file
	printf 'entity,entity_type,unit,score\nKota A,kota,U1,"97,98"\n' >"$TMP/c.csv"
	run score --profile ombudsman-2022 "$TMP/c.csv"
	[ "$status" -eq 2 ] || fail "comma: exit $status"
	grep -qF "c.csv:2: field 'score': found '97,98' (a comma: write decimals with '.'): it looks like a decimal comma: read the file with --dialect excel-id" "$TMP/err" || fail "comma: $err"
	run score --profile ombudsman-2022 --dialect excel "$TMP/c.csv"
	[ "$status" -eq 2 ] || fail "bad dialect: exit $status"
	grep -qF "unknown --dialect 'excel': expected auto, excel-id or rfc4180" "$TMP/err" || fail "$err"
}

# Windows-1252 bytes: the error names line, column, byte and the fix; with
# --encoding cp1252 the file scores (79.995 -> 80.00 B; 53.995 -> 54.00 C).
case_score_excel_encoding() {
	run score --profile ombudsman-2022 "$X/excel-id-cp1252.csv"
	[ "$status" -eq 2 ] || fail "utf-8: exit $status"
	[ -z "$out" ] || fail "output on failure: $out"
	grep -qF "excel-id-cp1252.csv:2: field 'unit' (column 3): byte 0x96 (byte 31 of the field) is not UTF-8 text" "$TMP/err" || fail "$err"
	grep -qF -- "--encoding cp1252" "$TMP/err" || fail "$err"
	run score --profile ombudsman-2022 --encoding cp1252 --format csv "$X/excel-id-cp1252.csv"
	[ "$status" -eq 0 ] || fail "cp1252: $err"
	echo "$out" | grep -qx "Kota Bandung,kota,2,80.00,B,hijau,Kualitas Tinggi,1,1" || fail "$out"
	echo "$out" | grep -qx "Kabupaten Garut,kabupaten,1,54.00,C,kuning,Kualitas Sedang,2,1" ||
		fail "$out"
	run explain --profile ombudsman-2022 --encoding=cp1252 "$X/excel-id-cp1252.csv" "Kota Bandung"
	[ "$status" -eq 0 ] || fail "explain: $err"
	grep -qF "Dinas Pariwisata & Kebudayaan – Café Kota" "$TMP/out" || fail "explain: $out"
	run score --profile ombudsman-2022 --encoding koi8 "$X/excel-id-cp1252.csv"
	[ "$status" -eq 2 ] || fail "koi8: exit $status"
	grep -qF "expected utf-8, cp1252 or latin1" "$TMP/err" || fail "$err"
}

# Headers: the user's names (--columns), and what is missing when wrong.
case_score_excel_columns() {
	printf 'No;Nama Pemda;Tipe Pemda;Unit Kerja;Nilai Akhir\r\n1;Kota A;kota;Dinas Sosial;70,5\r\n2;Kota A;kota;Disdukcapil;71\r\n' >"$TMP/m.csv"
	run score --profile ombudsman-2022 "$TMP/m.csv"
	[ "$status" -eq 2 ] || fail "unmapped: exit $status"
	grep -qF "m.csv:1: the header has no column for entity, entity_type, unit, score: found 'No', 'Nama Pemda', 'Tipe Pemda', 'Unit Kerja', 'Nilai Akhir'" "$TMP/err" ||
		fail "unmapped: $err"
	run score --profile ombudsman-2022 --format csv \
		--columns 'entity=Nama Pemda,entity_type=Tipe Pemda' --columns 'unit=unit kerja,score=NILAI AKHIR' "$TMP/m.csv"
	[ "$status" -eq 0 ] || fail "mapped: $err"
	# (70.5 + 71) / 2 = 70.75
	echo "$out" | grep -qx "Kota A,kota,2,70.75,C,kuning,Kualitas Sedang,1,1" || fail "mapped: $out"
	run score --profile ombudsman-2022 --columns 'kolom=X' "$TMP/m.csv"
	[ "$status" -eq 2 ] || fail "bad column: exit $status"
	grep -qF "unknown column 'kolom'" "$TMP/err" || fail "bad column: $err"
	run score --profile ombudsman-2022 --columns 'entity' "$TMP/m.csv"
	[ "$status" -eq 2 ] || fail "no =: exit $status"
	grep -qF "expected COLUMN=HEADER" "$TMP/err" || fail "no =: $err"
	# labels and yes-no words, Indonesian headers in another order: 83.90 B
	run score --profile "$INSTRUMENT" --format csv "$X/excel-id-answers.csv"
	[ "$status" -eq 0 ] || fail "answers: $err"
	echo "$out" | grep -qx "Kota Contoh,kota,2,83.90,B,hijau,Kualitas Tinggi,1,1" || fail "$out"
}

# Names differing only in case: refused naming both lines, or merged.
case_score_excel_names() {
	run score --profile ombudsman-2022 "$X/names-case.csv"
	[ "$status" -eq 2 ] || fail "refuse: exit $status"
	grep -qF "names-case.csv:8: field 'entity': entity 'KAB A' at line 8 differs only in case from 'Kab A' at line 2" "$TMP/err" || fail "refuse: $err"
	run score --profile ombudsman-2022 --names merge --format csv "$X/names-case.csv"
	[ "$status" -eq 0 ] || fail "merge: $err"
	echo "$out" | grep -qx "Kab A,kabupaten,3,80.00,B,hijau,Kualitas Tinggi,1,1" || fail "merge: $out"
	echo "$out" | grep -qx "Kota B,kota,4,61.50,C,kuning,Kualitas Sedang,2,1" || fail "merge: $out"
	run score --profile ombudsman-2022 --names maybe "$X/names-case.csv"
	[ "$status" -eq 2 ] || fail "bad names: exit $status"
}

# Errors on lines 1000 and 2000 are both printed, and nothing is scored;
# --max-errors limits them and says it stopped.
case_score_excel_all_errors() {
	{
		echo "entity,entity_type,unit,score"
		for i in $(seq 2 2500); do
			case $i in
			1000) echo "Kota $i,kota,U,7O" ;;
			2000) echo "Kota $i,desa,U,70" ;;
			*) echo "Kota $i,kota,U,70" ;;
			esac
		done
	} >"$TMP/big.csv"
	run score --profile ombudsman-2022 "$TMP/big.csv"
	[ "$status" -eq 2 ] || fail "exit $status"
	[ -z "$out" ] || fail "a result was printed: $out"
	grep -qF "big.csv:1000: field 'score': expected a score" "$TMP/err" || fail "$err"
	grep -qF "big.csv:2000: field 'entity_type': unknown entity type 'desa'" "$TMP/err" || fail "$err"
	[ "$(wc -l <"$TMP/err")" -eq 2 ] || fail "not two lines: $err"
	for i in $(seq 1 30); do echo "Kota X$i,kota,U,x"; done >>"$TMP/big.csv"
	run score --profile ombudsman-2022 --max-errors 3 "$TMP/big.csv"
	[ "$status" -eq 2 ] || fail "limit: exit $status"
	[ "$(wc -l <"$TMP/err")" -eq 4 ] || fail "limit: $err"
	grep -qF "stopped after 3 errors" "$TMP/err" || fail "limit: $err"
	run score --profile ombudsman-2022 "$TMP/big.csv"
	[ "$(wc -l <"$TMP/err")" -eq 21 ] || fail "default limit 20: $(wc -l <"$TMP/err")"
	run score --profile ombudsman-2022 --max-errors 0 "$TMP/big.csv"
	[ "$status" -eq 2 ] || fail "0: exit $status"
	grep -qF "expected a whole number from 1" "$TMP/err" || fail "0: $err"
}

# A survey fed with the unit's name spelt another way (--names merge): the
# explanation still finds the survey under the unit (IKM 84.54, unit 80.45:
# tests/unit/test_instrument.c).
case_score_excel_skm_names() {
	P=$DATA/profiles/instrument-2023-weights.json
	run explain --profile "$P" --names merge \
		--skm "kota  CONTOH ,kota,DISDUKCAPIL,output.ikm=$DATA/skm-example.csv" \
		"$DATA/answers-instrument-2023.csv" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "exit $status: $err"
	grep -q 'from an SKM survey under skm-2017: IKM 84.54' "$TMP/out" || fail "no survey: $out"
	grep -q '= 80.45' "$TMP/out" || fail "points: $out"
	run explain --profile "$P" \
		--skm "KOTA CONTOH,kota,Disdukcapil,output.ikm=$DATA/skm-example.csv" \
		"$DATA/answers-instrument-2023.csv" "Kota Contoh"
	[ "$status" -eq 2 ] || fail "refuse: exit $status"
	grep -qF "entity 'KOTA CONTOH' differs only in case from 'Kota Contoh' at line 2" "$TMP/err" ||
		fail "refuse: $err"
}

"case_$CASE"
echo "ok: $CASE"
