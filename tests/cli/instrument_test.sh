#!/usr/bin/env bash
# `compliance score/explain --skm`: an SKM survey file feeds the 2023
# instrument's Output IKM variable (issue 10). Usage: instrument_test.sh BIN DATA CASE
# Expected values are derived by hand in tests/unit/test_instrument.c
# (unit 80.451594 -> 80.45; IKM of skm-example.csv 84.54).
set -u
BIN=$1
DATA=$2
CASE=$3
. "$(dirname "$0")/lib.sh"

PROFILE="$DATA/profiles/instrument-2023-weights.json"
ANSWERS="$DATA/answers-instrument-2023.csv"
FEED="Kota Contoh,kota,Disdukcapil,output.ikm=$DATA/skm-example.csv"

case_skm_feed_score() {
	run score --profile "$PROFILE" --skm "$FEED" --format csv "$ANSWERS"
	[ "$status" -eq 0 ] || fail "exit $status: $err"
	grep -q '80.45' "$TMP/out" || fail "no 80.45 in: $out"
}

case_skm_feed_explain() {
	run explain --profile "$PROFILE" --skm "$FEED" "$ANSWERS" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "exit $status: $err"
	grep -q 'output.ikm: weight 50 \[S\] given, value 84.54' "$TMP/out" || fail "no IKM value: $out"
	grep -q 'from an SKM survey under skm-2017: IKM 84.54' "$TMP/out" || fail "no survey: $out"
	[ "$(grep -c ': NRR ' "$TMP/out")" -eq 9 ] || fail "not nine NRRs: $out"
	grep -q 'U4 Biaya/Tarif: NRR 3.600 (exact 3.6) over 5 answers' "$TMP/out" || fail "U4: $out"
	grep -q 'points: input 19.18 (of 21.85) + proses 21.58 (of 32.37) + output 21.74 (of 24.24) + pengaduan 17.95 (of 21.54) = 80.45' "$TMP/out" || fail "points: $out"
}

case_skm_feed_listwise() {
	# respondent 6 dropped: IKM 85.56 (tests/data/README of the vectors)
	run explain --profile "$PROFILE" --skm "$FEED" --skm-missing listwise "$ANSWERS" "Kota Contoh"
	[ "$status" -eq 0 ] || fail "exit $status: $err"
	grep -q 'value 85.56' "$TMP/out" || fail "no 85.56: $out"
}

case_skm_feed_errors() {
	run score --profile "$PROFILE" --skm "Kota Contoh,kota,Disdukcapil" "$ANSWERS"
	[ "$status" -ne 0 ] || fail "a bad --skm was accepted"
	grep -q 'expected ENTITY,ENTITY_TYPE,UNIT,NODE=FILE' "$TMP/err" || fail "message: $err"
	run score --profile "$PROFILE" --skm "Kota Contoh,kota,Disdukcapil,proses.1=$DATA/skm-example.csv" "$ANSWERS"
	[ "$status" -ne 0 ] || fail "a 0-3 node took an IKM"
	grep -q "node 'proses.1' takes 0 to 3" "$TMP/err" || fail "message: $err"
	run score --profile "$PROFILE" --skm "Kota Contoh,kota,Disdukcapil,output.ikm=$TMP/none.csv" "$ANSWERS"
	[ "$status" -ne 0 ] || fail "a missing survey file was accepted"
	grep -q "none.csv" "$TMP/err" || fail "message: $err"
	run score --profile ombudsman-2023-instrument --skm "$FEED" "$ANSWERS"
	[ "$status" -ne 0 ] || fail "the skeleton scored"
	grep -q "skeleton that lacks the weights of: input.kompetensi, input.sarana" "$TMP/err" || fail "message: $err"
}

"case_$CASE"
echo "ok: $CASE"
