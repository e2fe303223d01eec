#!/usr/bin/env bash
# End-to-end tests of what the compliance program writes and reads: output
# that cannot be written, input that fails to read, CSV formula
# neutralisation, control characters escaped in human-readable output.
# Usage: output_test.sh BIN DATA SHIM CASE (SHIM: the readfail preload shim)
set -u
BIN=$1
DATA=$2
SHIM=$3
CASE=$4
EXAMPLES=$(cd "$(dirname "$0")/../../examples" && pwd)
. "$(dirname "$0")/lib.sh"
CTRL="$DATA/profiles/control-chars.json"

# every command that prints, with output to a full device: exit 2 and a
# message naming standard output (before: exit 0, output silently lost)
case_write_error() {
	[ -w /dev/full ] || { echo "no /dev/full: skipped"; exit 0; }
	local sc="$EXAMPLES/data/scores-2022.csv" ans="$EXAMPLES/data/answers-2023.csv"
	local prof="$EXAMPLES/profiles/instrument-2023.json" skm="$DATA/skm-example.csv"
	local cmds=(
		"profiles"
		"profile show ombudsman-2023"
		"profile show $prof"
		"profile check $prof"
		"classify --profile ombudsman-2022 73.02 88"
		"score --profile ombudsman-2022 $sc"
		"score --profile ombudsman-2022 --format csv $sc"
		"score --profile ombudsman-2022 --format json $sc"
		"explain --profile $prof $ans Kota_Contoh"
		"explain --profile $prof --format json $ans Kota_Contoh"
		"advise --profile $prof $ans Kota_Contoh"
		"advise --profile $prof --format json $ans Kota_Contoh"
		"skm $skm"
		"skm --format csv $skm"
		"skm --format json $skm"
		"version"
		"help"
		"skm --help"
	)
	local c
	for c in "${cmds[@]}"; do
		# shellcheck disable=SC2086
		set -- ${c//Kota_Contoh/KOTA}
		local args=("$@") i
		for i in "${!args[@]}"; do [ "${args[$i]}" = KOTA ] && args[$i]="Kota Contoh"; done
		"$BIN" "${args[@]}" >"$TMP/ok" 2>"$TMP/err0" || fail "$c: fails even to a file: $(cat "$TMP/err0")"
		[ -s "$TMP/ok" ] || fail "$c: prints nothing"
		"$BIN" "${args[@]}" >/dev/full 2>"$TMP/err"
		status=$?
		[ "$status" -eq 2 ] || fail "$c > /dev/full: exit $status, expected 2"
		grep -q "error writing standard output: No space left on device" "$TMP/err" \
			|| fail "$c > /dev/full: stderr: $(cat "$TMP/err")"
	done
	# an output larger than the stdio buffer fails at a write before the
	# final flush: the reason is still given
	python3 -c 'print("entity,entity_type,unit,score")
for i in range(3000): print("Kota %04d,kota,U1,50" % i)' >"$TMP/big.csv"
	"$BIN" score --profile ombudsman-2022 "$TMP/big.csv" >/dev/full 2>"$TMP/err"
	status=$?
	[ "$status" -eq 2 ] || fail "big table > /dev/full: exit $status"
	grep -q "error writing standard output: No space left on device" "$TMP/err" \
		|| fail "big table: $(cat "$TMP/err")"
}

# a read error on standard input (a directory) is not an empty input
case_stdin_read_error() {
	run score --profile ombudsman-2022 - </
	[ "$status" -eq 2 ] || fail "score: status $status"
	[ -z "$out" ] || fail "score printed: $out"
	grep -q "<stdin>: read error" "$TMP/err" || fail "score: $err"
	run skm - </
	[ "$status" -eq 2 ] || fail "skm: status $status"
	[ -z "$out" ] || fail "skm printed: $out"
	grep -q "<stdin>: read error" "$TMP/err" || fail "skm: $err"
}

# a file whose first read fails (a directory) is not an empty file
case_file_read_error() {
	mkdir "$TMP/dir.csv"
	run score --profile ombudsman-2022 "$TMP/dir.csv"
	[ "$status" -eq 2 ] || fail "status $status"
	[ -z "$out" ] || fail "printed: $out"
	grep -q "dir.csv:1: read error (it is a directory" "$TMP/err" || fail "score: $err"
	run skm "$TMP/dir.csv"
	[ "$status" -eq 2 ] || fail "skm status $status"
	grep -q "dir.csv:1: read error" "$TMP/err" || fail "skm: $err"
}

# the issue's cases: the disk fails in the middle of the file (the shim
# makes fread fail with EIO after N bytes). Before: 1455 of 1655 entities
# printed with exit 0, and an SKM IKM from the part read.
case_read_error_mid_file() {
	python3 - "$TMP/big.csv" "$TMP/skm.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("entity,entity_type,unit,score\n")
    for i in range(1655):
        f.write("Kota %04d,kota,U1,%d.5\n" % (i, i % 100))
with open(sys.argv[2], "w") as f:
    f.write("respondent,U1,U2,U3,U4,U5,U6,U7,U8,U9\n")
    for i in range(2000):
        a = 4 if i < 1500 else 1
        f.write("r%d,%s\n" % (i, ",".join([str(a)] * 9)))
PY
	# whole files: 1655 entities; IKM = 25 x (1500x4 + 500x1)/2000 = 81.25
	run score --profile ombudsman-2022 --format csv "$TMP/big.csv"
	[ "$status" -eq 0 ] && [ "$(echo "$out" | wc -l)" -eq 1656 ] || fail "whole file: $status"
	run skm --format csv "$TMP/skm.csv"
	echo "$out" | grep -q "^2000,81.25,B," || fail "whole survey: $out"
	# failing after 30000 of 37925 bytes (line 1311) and 40000 of 46928
	READFAIL_AFTER=30000 LD_PRELOAD="${LD_PRELOAD:+$LD_PRELOAD }$SHIM" run score --profile ombudsman-2022 --format csv "$TMP/big.csv"
	[ "$status" -eq 2 ] || fail "score: status $status"
	[ -z "$out" ] || fail "score printed $(echo "$out" | wc -l) lines"
	grep -q "big.csv:1311: read error (input/output error" "$TMP/err" || fail "score: $err"
	READFAIL_AFTER=40000 LD_PRELOAD="${LD_PRELOAD:+$LD_PRELOAD }$SHIM" run skm "$TMP/skm.csv"
	[ "$status" -eq 2 ] || fail "skm: status $status"
	[ -z "$out" ] || fail "skm printed: $out"
	grep -q "skm.csv:1713: read error (input/output error" "$TMP/err" || fail "skm: $err"
}

# text fields starting with = + - @ are neutralised in CSV; numbers are not
case_csv_formula() {
	cat >"$TMP/f.csv" <<'CSV'
entity,entity_type,unit,score
"=HYPERLINK(""http://x"",""y"")",kota,U1,80
+SUM(1),kota,U1,70
-1+2,kota,U1,60
@A1,kota,U1,50
Kota Biasa,kota,U1,20
CSV
	run score --profile "$CTRL" --format csv "$TMP/f.csv"
	[ "$status" -eq 0 ] || fail "status $status: $err"
	grep -qxF "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",kota,1,80.00,B,hijau,\"Tinggi"$'\r'"OVERWRITE\",1,1" "$TMP/out" \
		|| fail "=: $out"
	grep -qxF "\"'+SUM(1)\",kota,1,70.00,C,kuning,\"'=cmd|' /C calc'!A0\",2,2" "$TMP/out" || fail "+: $out"
	grep -qxF "\"'-1+2\",kota,1,60.00,C,kuning,\"'=cmd|' /C calc'!A0\",3,3" "$TMP/out" || fail "-: $out"
	grep -qxF "\"'@A1\",kota,1,50.00,D,merah,Rendah"$'\x7f'",4,4" "$TMP/out" || fail "@: $out"
	grep -qxF "Kota Biasa,kota,1,20.00,E,merah,Terendah,5,5" "$TMP/out" || fail "plain: $out"
	# a zone-only edition's "-" category is ours, not text: unchanged
	run score --profile ombudsman-2021 --format csv "$EXAMPLES/data/scores-2022.csv"
	echo "$out" | sed -n 2p | grep -q ",-,hijau,\|,-,kuning,\|,-,merah," || fail "zone-only: $out"
	# JSON keeps the text as it is
	run score --profile "$CTRL" --format json "$TMP/f.csv"
	grep -qF '"entity": "=HYPERLINK(\"http://x\",\"y\")"' "$TMP/out" || fail "json: $out"
}

# no raw ESC, CR, LF inside a line, DEL or C1 control from a profile
# reaches the terminal; each is shown escaped
no_raw_controls() {
	if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TMP/out"; then
		fail "$1: raw control characters: $(cat -v "$TMP/out")"
	fi
	if LC_ALL=C grep -q $'\xc2[\x80-\x9f]' "$TMP/out"; then
		fail "$1: raw C1 control: $(cat -v "$TMP/out")"
	fi
}

case_control_chars() {
	printf 'entity,entity_type,unit,score\nKota A,kota,U1,90\nKota B,kota,U1,80\n' >"$TMP/s.csv"
	run profile show "$CTRL"
	[ "$status" -eq 0 ] || fail "show: $err"
	no_raw_controls "profile show"
	grep -qF 'name      Clears\x1b[2J\x1b[H the screen\x0d\x0afake line \u009b1m C1' "$TMP/out" \
		|| fail "show name: $out"
	grep -qF 'Top\x1b]0;pwned\x07' "$TMP/out" || fail "show label: $out"
	grep -qF 'Rendah\x7f' "$TMP/out" || fail "show DEL: $out"
	run profiles
	no_raw_controls "profiles"
	run classify --profile "$CTRL" 90 80
	[ "$status" -eq 0 ] || fail "classify: $err"
	no_raw_controls classify
	[ "$out" = "$(printf '%s\n' '90.00	A	hijau	Top\x1b]0;pwned\x07' '80.00	B	hijau	Tinggi\x0dOVERWRITE')" ] \
		|| fail "classify: $out"
	run score --profile "$CTRL" "$TMP/s.csv"
	[ "$status" -eq 0 ] || fail "score: $err"
	no_raw_controls "score table"
	# columns still line up: the escaped label is 22 characters wide
	echo "$out" | grep -qF 'Kota A  kota             1  90.00  A         hijau  Top\x1b]0;pwned\x07     1             1' \
		|| fail "table: $out"
	run explain --profile "$CTRL" "$TMP/s.csv" "Kota A"
	[ "$status" -eq 0 ] || fail "explain: $err"
	no_raw_controls explain
	grep -qF 'band: A hijau Top\x1b]0;pwned\x07' "$TMP/out" || fail "explain label: $out"
	grep -qF 'source [S]: fixture\x1b[31m red\x0d' "$TMP/out" || fail "explain source: $out"
	run explain --profile "$CTRL" --format json "$TMP/s.csv" "Kota A"
	grep -qF '"label": "Top\u001B]0;pwned\u0007"' "$TMP/out" || fail "explain json: $out"
	run advise --profile "$CTRL" "$TMP/s.csv" "Kota B"
	[ "$status" -eq 0 ] || fail "advise: $err"
	no_raw_controls advise
	grep -qF 'next band: A Top\x1b]0;pwned\x07 from 88.00' "$TMP/out" || fail "advise: $out"
	# an error message quoting input
	run classify --profile "$(printf 'x\033[2Jy')" 50
	[ "$status" -eq 2 ] || fail "status $status"
	if grep -q $'\x1b' "$TMP/err"; then fail "raw ESC in the error: $(cat -v "$TMP/err")"; fi
	grep -qF "unknown profile 'x\\x1b[2Jy'" "$TMP/err" || fail "error: $err"
}

# explain and advise name themselves in their errors (advise said "explain:")
case_explain_errors() {
	local prof="$EXAMPLES/profiles/instrument-2023.json" ans="$EXAMPLES/data/answers-2023.csv"
	run advise --profile "$prof" "$ans" "Kota Tidak Ada"
	expect_status_msg 2 "advise: entity 'Kota Tidak Ada' is not in"
	run explain --profile "$prof" "$ans" "Kota Tidak Ada"
	expect_status_msg 2 "explain: entity 'Kota Tidak Ada' is not in"
}

expect_status_msg() {
	[ "$status" -eq "$1" ] || fail "status $status, expected $1: $err"
	[ -z "$out" ] || fail "printed: $out"
	grep -qF -- "$2" "$TMP/err" || fail "stderr lacks '$2': $err"
}

"case_$CASE"
