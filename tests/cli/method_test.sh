#!/usr/bin/env bash
# End-to-end tests of the built-in methods of issue 10: PEKPPP
# (pekppp-2022, no bands: the user's profile gives them) and the SKM
# before 2017 (skm-2004, skm-2004-w0071). Usage: method_test.sh BIN DATA CASE
# Expected values are derived by hand in tests/unit/test_pekppp.c and
# tests/unit/test_skm2004.c.
set -u
BIN=$1
DATA=$2
CASE=$3
. "$(dirname "$0")/lib.sh"

# run ARGS... : stdout in $out, stderr in $err, status in $status

# pekppp-2022 has no bands: classify, score, explain and advise exit 2 and
# say that the bands come from the user's profile.
case_pekppp_no_bands() {
	run profile show pekppp-2022
	[ "$status" -eq 0 ] || fail "show: $err"
	grep -qF "(none: not published" "$TMP/out" || fail "show: $out"
	grep -qE "^  sdm \(Profesionalisme SDM\)  weight 25 \[S\]  answers 0..5" "$TMP/out" ||
		fail "show: $out"
	A=$DATA/answers-pekppp.json
	for cmd in classify score explain advise; do
		case $cmd in
		classify) run classify --profile pekppp-2022 94.75 ;;
		score) run score --profile pekppp-2022 "$A" ;;
		*) run "$cmd" --profile pekppp-2022 "$A" "Kota Uji" ;;
		esac
		[ "$status" -eq 2 ] || fail "$cmd: exit $status"
		[ -z "$out" ] || fail "$cmd: output on failure: $out"
		grep -qF "profile pekppp-2022 has no bands" "$TMP/err" || fail "$cmd: $err"
		grep -qF '{"extends": "pekppp-2022", "bands": [...]}' "$TMP/err" || fail "$cmd: $err"
	done
}

# A user profile that extends pekppp-2022 with bands scores, explains and
# advises: IPP 4.7375 -> 94.75 (T2); sdm from 3.95 to 4 (one step) adds
# 0.25 -> 95.00 (T1): raising it to 5 (5.25) would overshoot.
case_pekppp_user_bands() {
	P=$DATA/profiles/pekppp-test-bands.json
	run score --profile "$P" --format csv "$DATA/answers-pekppp.json"
	[ "$status" -eq 0 ] || fail "score: $err"
	grep -qF "Kota Uji,kota,1,94.75,T2,merah,test band low" "$TMP/out" || fail "score: $out"
	run explain --profile "$P" "$DATA/answers-pekppp.json" "Kota Uji"
	[ "$status" -eq 0 ] || fail "explain: $err"
	grep -qF "sdm: weight 25 [S]" "$TMP/out" || fail "explain: $out"
	grep -qxF "score: 94.75" "$TMP/out" || fail "explain: $out"
	run advise --profile "$P" "$DATA/answers-pekppp.json" "Kota Uji"
	[ "$status" -eq 0 ] || fail "advise: $err"
	grep -qF "raise sdm (Profesionalisme SDM) from 3.95 to 4 (1 step): +0.2500 points" "$TMP/out" || fail "advise: $out"
	grep -qF -- "-> 95.00  (reaches the next band)" "$TMP/out" || fail "advise: $out"
}

# The Kab. Bogor 2011 survey (METHODOLOGY.md §4): 500 respondents, Σ NRR
# 42.066. skm-2004 (exact 1/14) gives 75.12; only skm-2004-w0071 gives the
# published 74.67, and says which method it is.
case_skm_2004() {
	awk 'BEGIN {
		printf "respondent"; for (i = 1; i <= 14; i++) printf ",U%d", i; printf "\n"
		for (r = 0; r < 500; r++) {
			printf "%d", r
			for (i = 1; i <= 14; i++) printf ",%d", r < (i == 14 ? 7 : 2) ? 4 : 3
			printf "\n"
		}
	}' >"$TMP/bogor.csv"
	run skm --profile skm-2004 "$TMP/bogor.csv"
	[ "$status" -eq 0 ] || fail "skm-2004: $err"
	grep -q "^method       skm-2004 " "$TMP/out" || fail "skm-2004: $out"
	grep -qxF "IKM          75.12 (exact 21033/280)" "$TMP/out" || fail "skm-2004: $out"
	run skm --profile skm-2004-w0071 --format json "$TMP/bogor.csv"
	[ "$status" -eq 0 ] || fail "w0071: $err"
	grep -qF '"profile": "skm-2004-w0071"' "$TMP/out" || fail "w0071: $out"
	grep -qF "rounded weight 0.071, not the regulation's exact 1/14" "$TMP/out" || fail "w0071: $out"
	grep -qF '"ikm": "74.67"' "$TMP/out" || fail "w0071: $out"
	run skm --profile skm-2017 "$TMP/bogor.csv"
	[ "$status" -eq 2 ] || fail "skm-2017 on 14 columns: exit $status"
}

"case_$CASE"
echo "ok: $CASE"
