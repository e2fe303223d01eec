#!/usr/bin/env bash
# --error-format json (and COMPLIANCE_ERROR_FORMAT=json): a failure as one
# JSON object on the last line of standard error, with the library's code
# name. The expected codes and message fragments come from the malformed-
# input catalogue (tests/data/bad/cases.tsv, the library's own tests), not
# from the program's output.
# Usage: error_format_test.sh BIN DATA CASE
set -u
BIN=$1
DATA=$2
CASE=$3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/lib.sh"
unset COMPLIANCE_ERROR_FORMAT

run() { # lib.sh's run, then the error object parsed
	"$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	parse
}

# parse: the error object from the last line of stderr, each key on a line
# of $TMP/fields as KEY<TAB>VALUE (strings as they are, others as JSON);
# "<none>" when that line is not one object {"error": {...}} with code,
# value, status and message. One python3 per run (its start is slow on a
# loaded machine).
parse() {
	python3 - "$TMP/err" >"$TMP/fields" <<'EOF'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
try:
    doc = json.loads(lines[-1])
    assert list(doc) == ["error"], doc
    e = doc["error"]
    for k in ("code", "value", "status", "message"):
        assert k in e, (k, e)
    assert isinstance(e["value"], int) and isinstance(e["status"], int), e
except Exception:
    print("<none>")
    sys.exit(0)
for k, v in e.items():
    v = v if isinstance(v, str) else json.dumps(v)
    print(k + "\t" + v.replace("\n", "\\n"))
EOF
}

# field NAME: the key NAME of the parsed error ("<absent>" when it has none)
field() {
	[ "$(cat "$TMP/fields")" != "<none>" ] || fail "stderr is not one error object: $err"
	awk -F'\t' -v k="$1" '$1 == k { sub(/^[^\t]*\t/, ""); print; f = 1 } END { if (!f) print "<absent>" }' "$TMP/fields"
}

expect() { # KEY VALUE
	local got
	got=$(field "$1") || exit 1
	[ "$got" = "$2" ] || fail "error.$1 is '$got', expected '$2' (stderr: $err)"
}

profile_of() { # the catalogue's profile column
	case $1 in
	instrument) echo "$ROOT/examples/profiles/instrument-2023.json" ;;
	*) echo "$1" ;;
	esac
}

case $CASE in
bad_inputs)
	# every refused CSV and JSON input of the catalogue: the code and the
	# message fragment the library's test expects, the file and line the
	# message starts with, exit status 2, nothing on standard output
	# (the program runs per input; one python3 checks all the objects)
	n=0
	while IFS=$'\t' read -r file kind profile code fragment; do
		case $file in '#'* | '') continue ;; esac
		case $kind in csv | json | csv+compute) ;; *) continue ;; esac
		[ "$code" = OK ] && continue
		path="$DATA/bad/$file"
		"$BIN" score --error-format json --profile "$(profile_of "$profile")" "$path" \
			>"$TMP/out.$n" 2>"$TMP/err.$n"
		printf '%s\t%s\t%s\t%s\n' "$?" "$path" "COMPLIANCE_$code" "$fragment" >"$TMP/want.$n"
		[ -s "$TMP/out.$n" ] && fail "$file: standard output is not empty"
		n=$((n + 1))
	done <"$DATA/bad/cases.tsv"
	[ "$n" -ge 60 ] || fail "only $n refused inputs read from cases.tsv"
	python3 - "$TMP" "$n" <<'EOF' || fail "the error objects above"
import json, re, sys
tmp, n, bad = sys.argv[1], int(sys.argv[2]), 0
for i in range(n):
    status, path, code, fragment = open(f"{tmp}/want.{i}").read().rstrip("\n").split("\t")
    err = open(f"{tmp}/err.{i}", encoding="utf-8").read().splitlines()
    why = []
    try:
        e = json.loads(err[-1])["error"]
    except Exception as x:
        print(f"{path}: no error object ({x}): {err}")
        bad += 1
        continue
    if status != "2" or e["status"] != 2:
        why.append(f"exit {status}, status {e['status']}")
    if e["code"] != code:
        why.append(f"code {e['code']}, expected {code}")
    if fragment not in e["message"]:
        why.append(f"message lacks {fragment!r}")
    m = re.match(re.escape(path) + r":(\d+)(?::(\d+))?: ", e["message"])
    if m:
        if e.get("file") != path or e.get("line") != int(m.group(1)):
            why.append("file or line not read from the message")
        if m.group(2) and e.get("column") != int(m.group(2)):
            why.append("column not read from the message")
    elif e["message"].startswith(path + ": ") and e.get("file") != path:
        why.append("file not read from the message")
    if why:
        print(f"{path}: " + "; ".join(why) + f": {e}")
        bad += 1
sys.exit(1 if bad else 0)
EOF
	echo "ok: $n refused inputs"
	;;
location)
	# file, line and field (a CSV column name; a column number; a JSON path
	# with line and column)
	run score --error-format json --profile ombudsman-2022 "$DATA/bad/csv-empty-score.csv"
	expect code COMPLIANCE_E_PARSE
	expect value -4
	expect line 2
	expect field score
	expect column '<absent>'
	run score --error-format json --profile ombudsman-2022 "$DATA/bad/csv-extra-field.csv"
	expect field 5
	run score --error-format json --profile ombudsman-2022 "$DATA/bad/json-answer-out-of-scale.json"
	expect code COMPLIANCE_E_NOTFOUND
	expect line 1
	expect column 106
	expect field '$.entities[0].units[0].values["input.1"]'
	;;
text_default)
	# without the option (or with --error-format text) the text form is
	# unchanged: "compliance: MESSAGE", no JSON
	for form in "" "--error-format text" "--error-format=text"; do
		# shellcheck disable=SC2086
		run score $form --profile ombudsman-2022 "$DATA/bad/csv-empty-score.csv"
		[ "$status" -eq 2 ] || fail "[$form] exit $status"
		[ "$err" = "compliance: $DATA/bad/csv-empty-score.csv:2: field 'score': expected a score from 0 to 100 such as 82.70, found '' (an empty value)" ] ||
			fail "[$form] text form changed: $err"
	done
	COMPLIANCE_ERROR_FORMAT=json "$BIN" score --error-format text --profile ombudsman-2022 \
		"$DATA/bad/csv-empty-score.csv" 2>"$TMP/err"
	grep -q '^compliance: ' "$TMP/err" || fail "--error-format text does not override the environment"
	;;
environment)
	COMPLIANCE_ERROR_FORMAT=json "$BIN" score --profile ombudsman-2022 "$DATA/bad/csv-empty-score.csv" \
		>"$TMP/out" 2>"$TMP/err"
	[ $? -eq 2 ] || fail "exit status"
	parse
	expect code COMPLIANCE_E_PARSE
	COMPLIANCE_ERROR_FORMAT=xml "$BIN" profiles >"$TMP/out" 2>"$TMP/err" && fail "COMPLIANCE_ERROR_FORMAT=xml accepted"
	grep -q "COMPLIANCE_ERROR_FORMAT 'xml': expected text or json" "$TMP/err" || fail "bad variable: $(cat "$TMP/err")"
	run --error-format yaml profiles
	[ "$status" -eq 2 ] && [ "$err" = "compliance: --error-format 'yaml': expected text or json" ] ||
		fail "bad value: $status $err"
	run profiles --error-format
	[ "$status" -eq 2 ] || fail "--error-format without a value: $status"
	;;
commands)
	# the option before or after the command, in every command; usage
	# errors are COMPLIANCE_E_INVALID, unreadable files COMPLIANCE_E_IO
	run --error-format json score --profile ombudsman-2022 --bogus x.csv
	expect code COMPLIANCE_E_INVALID
	expect status 2
	expect message 'score: unknown or incomplete option --bogus'
	run score --error-format=json --profile nope x.csv
	expect code COMPLIANCE_E_NOTFOUND
	run score --error-format json --profile ombudsman-2022 "$TMP/absent.csv"
	expect code COMPLIANCE_E_IO
	expect file "$TMP/absent.csv"
	run classify --error-format json --profile ombudsman-2022 87.995 1e2
	expect code COMPLIANCE_E_PARSE
	[ "$out" = "$(printf '88.00\tA\thijau\tKualitas Tertinggi')" ] || fail "classify: the good score's line: $out"
	run classify --error-format json --profile ombudsman-2022 101
	expect code COMPLIANCE_E_RANGE
	run profile check --error-format json "$DATA/bad/profile-band-gap.json"
	expect code COMPLIANCE_E_PROFILE
	expect file "$DATA/bad/profile-band-gap.json"
	run explain --error-format json --profile ombudsman-2022 "$ROOT/examples/data/scores-2022.csv" "Kota Tiada"
	expect code COMPLIANCE_E_NOTFOUND
	run skm --error-format json "$TMP/absent.csv"
	expect code COMPLIANCE_E_IO
	run skm --error-format json --format yaml -
	expect code COMPLIANCE_E_INVALID
	run compare --error-format json --profile ombudsman-2022 a.csv
	expect code COMPLIANCE_E_INVALID
	run template --error-format json --profile ombudsman-2023 --units 0 -o "$TMP/t.xlsx"
	expect code COMPLIANCE_E_INVALID
	run nosuchcommand --error-format json
	expect code COMPLIANCE_E_INVALID
	# the shared input options of score and compare (tools/cli_input.c):
	# the library's code, not a generic one
	run score --error-format json --profile ombudsman-2022 --columns bogus=X \
		"$ROOT/examples/data/scores-2022.csv"
	expect code COMPLIANCE_E_NOTFOUND
	run compare --error-format json --profile ombudsman-2022 --columns bogus=X \
		"$ROOT/examples/data/scores-2022.csv" "$ROOT/examples/data/scores-2022.csv"
	expect code COMPLIANCE_E_NOTFOUND
	run score --error-format json --profile ombudsman-2022 --summary --group-by Nope \
		"$ROOT/examples/data/scores-2022.csv"
	expect code COMPLIANCE_E_PARSE
	expect line 1
	run compare --error-format json --profile ombudsman-2022 --id-column Nope \
		"$ROOT/examples/data/scores-2022.csv" "$ROOT/examples/data/scores-2022.csv"
	expect code COMPLIANCE_E_PARSE
	# "--" ends the options: a SCORE that looks like the option is the
	# command's, not taken away
	run classify --profile ombudsman-2022 -- --error-format
	[ "$status" -eq 2 ] && case $err in "compliance: "*) true ;; *) false ;; esac ||
		fail "after --: $status $err"
	# a CSV read with several bad rows: every error, the first as message
	printf 'entity,entity_type,unit,score\nA,kota,U1,x\nB,kota,U1,y\n' >"$TMP/two.csv"
	run score --error-format json --max-errors 5 --profile ombudsman-2022 "$TMP/two.csv"
	case $(field messages) in '["'*'", "'*'"]') ;; *) fail "messages: $err" ;; esac
	expect line 2
	# output that cannot be written
	if [ -w /dev/full ]; then
		"$BIN" --error-format json profiles >/dev/full 2>"$TMP/err"
		[ $? -eq 2 ] || fail "/dev/full: exit status"
		parse
		expect code COMPLIANCE_E_IO
	fi
	# success prints no error object
	run --error-format json classify --profile ombudsman-2022 50
	[ "$status" -eq 0 ] && [ -z "$err" ] || fail "success: $status $err"
	;;
help)
	# the option is listed by the program's --help and every command's
	# (the man page test and the bash completion read them)
	for c in "" score explain advise compare skm template classify profiles profile report; do
		# shellcheck disable=SC2086
		"$BIN" $c --help >"$TMP/out" 2>&1 || fail "$c --help"
		grep -q -- '--error-format text|json' "$TMP/out" || fail "'$c --help' does not list --error-format"
	done
	;;
*)
	fail "unknown case $CASE"
	;;
esac
echo "PASS: $CASE"
