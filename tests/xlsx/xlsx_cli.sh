#!/usr/bin/env bash
# compliance score/template with XLSX and the Excel CSV dialect (issue 9).
# usage: xlsx_cli.sh COMPLIANCE FIXTURE_DIR SOURCE_DIR
set -u -o pipefail
BIN=$1 FX=$2 SRC=$3
export LC_ALL=C
WORK=$(mktemp -d "$FX/cli.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
PROF=$SRC/examples/profiles/instrument-2023.json

# 1. an XLSX input: the 15-digit rule puts 87.995 in band A
"$BIN" score --profile ombudsman-2023 --format csv "$FX/scores.xlsx" >"$WORK/out.csv" 2>/dev/null ||
	fail "score scores.xlsx"
grep -qx 'Kabupaten Tepi,kabupaten,1,88.00,A,hijau,Kualitas Tertinggi,1,1' "$WORK/out.csv" ||
	{ cat "$WORK/out.csv" >&2; fail "87.995 from XLSX is not 88.00 A"; }
grep -qx 'Kota Bawah,kota,1,87.99,B,hijau,Kualitas Tinggi,4,2' "$WORK/out.csv" ||
	{ cat "$WORK/out.csv" >&2; fail "87.9949999999999 is not 87.99 B"; }
"$BIN" score --profile ombudsman-2023 --format csv --sheet Lain "$FX/scores.xlsx" 2>/dev/null |
	grep -q '^Kota Lain,kota,1,51.50,' || fail "--sheet Lain"
"$BIN" score --profile ombudsman-2023 --sheet Lain "$SRC/examples/data/scores-2022.csv" 2>"$WORK/err"
[ $? -eq 2 ] && grep -q 'sheet applies to an .xlsx FILE' "$WORK/err" || fail "--sheet on a CSV"
"$BIN" score --profile ombudsman-2023 "$FX/halfway.xlsx" 2>"$WORK/err"
[ $? -eq 2 ] && grep -q 'halfway.xlsx\[Data\]: cell D2: the number 1.000000000000005: the stored number lies exactly halfway' "$WORK/err" ||
	{ cat "$WORK/err" >&2; fail "halfway cell"; }

# a workbook under another name is read as one; .xls / OLE files and a
# workbook on standard input get a message that says what to do
cp "$FX/excel.xlsx" "$WORK/renamed.csv"
"$BIN" score --profile ombudsman-2023 --format csv "$WORK/renamed.csv" 2>/dev/null |
	grep -q '^Kabupaten Tepi,kabupaten,1,88.00,A,' || fail "a workbook named .csv"
printf '\320\317\021\340rest of an OLE file' >"$WORK/old.csv"
"$BIN" score --profile ombudsman-2023 "$WORK/old.csv" 2>"$WORK/err"
[ $? -eq 2 ] && grep -q 'Excel 97-2003 .xls, a password-protected workbook' "$WORK/err" || fail "an OLE file"
"$BIN" score --profile ombudsman-2023 - <"$FX/excel.xlsx" 2>"$WORK/err"
[ $? -eq 2 ] && grep -q 'standard input is a zip archive' "$WORK/err" || fail "a workbook on stdin"

# 2. --format xlsx needs -o; writes a workbook (read back in test_xlsx)
"$BIN" score --profile ombudsman-2022 --format xlsx "$SRC/examples/data/scores-2022.csv" 2>"$WORK/err"
[ $? -eq 2 ] && grep -q 'give -o FILE.xlsx' "$WORK/err" || fail "--format xlsx without -o"
"$BIN" score --profile ombudsman-2022 --format xlsx -o "$WORK/hasil.xlsx" \
	"$SRC/examples/data/scores-2022.csv" 2>/dev/null || fail "--format xlsx -o"
[ "$(head -c 2 "$WORK/hasil.xlsx")" = PK ] || fail "hasil.xlsx is not a zip"
# an unwritable path: our one message (libxlsxwriter would print its own)
"$BIN" score --profile ombudsman-2022 --format xlsx -o "$WORK/no/such/dir.xlsx" \
	"$SRC/examples/data/scores-2022.csv" 2>"$WORK/err"
[ $? -eq 2 ] || fail "--format xlsx -o into a missing directory"
grep -v 'warning:' "$WORK/err" >"$WORK/err2"
[ "$(cat "$WORK/err2")" = "compliance: $WORK/no/such/dir.xlsx: cannot write the workbook: No such file or directory" ] ||
	{ cat "$WORK/err" >&2; fail "message for an unwritable workbook"; }

# 3. --output-dialect excel-id, byte for byte (the published example: Bekasi 73.02 C)
"$BIN" score --profile ombudsman-2022 --format csv --output-dialect excel-id \
	--output "$WORK/id.csv" "$SRC/examples/data/scores-2022.csv" 2>/dev/null || fail "excel-id"
printf '\357\273\277entity;entity_type;units;score;category;zone;label;rank;rank_in_type\r\n%s\r\n%s\r\n%s\r\n%s\r\n%s\r\n' \
	'Kementerian Contoh;kementerian;2;94,01;A;hijau;Kualitas Tertinggi;1;1' \
	'Kota Contoh;kota;7;88,00;A;hijau;Kualitas Tertinggi;2;1' \
	'Kabupaten Bekasi;kabupaten;7;73,02;C;kuning;Kualitas Sedang;3;1' \
	'Kabupaten Contoh;kabupaten;7;73,02;C;kuning;Kualitas Sedang;3;1' \
	'Provinsi Contoh;provinsi;5;51,47;D;merah;Kualitas Rendah;5;1' >"$WORK/want.csv"
cmp "$WORK/id.csv" "$WORK/want.csv" || { od -c "$WORK/id.csv" | head >&2; fail "excel-id bytes"; }
"$BIN" score --profile ombudsman-2022 --output-dialect excel-id "$SRC/examples/data/scores-2022.csv" 2>"$WORK/err"
[ $? -eq 2 ] && grep -q 'applies to --format csv' "$WORK/err" || fail "excel-id without csv"

# 4. template -> filled -> score: every answer 3, the yes-no ones "tidak":
#    100 - 21.54 (the Pengaduan weight) = 78.46
"$BIN" template --profile "$PROF" --unit "Dinas A" --unit "Dinas B" --entity "Kota Isi" \
	--entity-type kota -o "$WORK/t.csv" || fail "template csv"
[ "$(head -1 "$WORK/t.csv")" = entity,entity_type,unit,indicator,value ] || fail "template header"
[ "$(wc -l <"$WORK/t.csv")" -eq 21 ] || fail "template: expected 20 rows"
sed -e '1!{/pengaduan/s/,$/,tidak/;s/,$/,3/}' "$WORK/t.csv" >"$WORK/filled.csv"
"$BIN" score --profile "$PROF" --format csv "$WORK/filled.csv" 2>/dev/null >"$WORK/s.csv" ||
	fail "score the filled template"
grep -q '^Kota Isi,kota,2,78.46,B,' "$WORK/s.csv" || { cat "$WORK/s.csv" >&2; fail "78.46"; }
"$BIN" template --profile "$PROF" --units 3 -o "$WORK/t.xlsx" || fail "template xlsx"
"$BIN" score --profile "$PROF" "$WORK/t.xlsx" 2>"$WORK/err"
[ $? -eq 2 ] && grep -q 't.xlsx\[jawaban\]:2: ' "$WORK/err" || { cat "$WORK/err" >&2; fail "unfilled template"; }
"$BIN" template --profile ombudsman-2023 -o "$WORK/x.csv" 2>"$WORK/err"
[ $? -eq 2 ] && grep -q 'has no indicator tree' "$WORK/err" || fail "template without a tree"
"$BIN" template --profile "$PROF" -o "$WORK/x.txt" 2>"$WORK/err"
[ $? -eq 2 ] && grep -q 'expected a name ending in .xlsx or .csv' "$WORK/err" || fail "template -o x.txt"
help=$("$BIN" template --help) || fail "template --help exited $?"
grep -q '^usage: compliance template' <<<"$help" || fail "template --help"
echo "ok"
