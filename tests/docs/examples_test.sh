#!/usr/bin/env bash
# Runs the examples of the Doxygen main page (examples/*.c) on the bundled
# data and checks what they print. The expected values are the published
# ones (Kabupaten Bekasi 2022: 73.02, C; 87.995 -> 88.00, A) or computed
# here independently with Python's fractions (the SKM survey's NRRs and
# IKM, the mean of Bekasi's unit scores), never copied from the output.
#
# usage: examples_test.sh EXAMPLES_BIN_DIR SOURCE_DIR PYTHON
set -u -o pipefail
BIN=$1 SRC=$2 PY=$3
DATA=$SRC/examples/data
export LC_ALL=C
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# every example of examples/ was built (and so is checked below)
for src in "$SRC"/examples/*.c; do
	name=$(basename "$src" .c)
	[ -x "$BIN/$name" ] || fail "examples/$name.c was not built"
	case $name in classify | score_entities | errors | skm_survey | report) ;;
	*) fail "examples/$name.c has no check in tests/docs/examples_test.sh" ;;
	esac
done

echo "== classify"
out=$("$BIN/classify" 87.995 54) || fail "classify exited $?"
echo "$out"
[ "$out" = "$(printf '87.995\t88.00\tA\thijau\tKualitas Tertinggi\n54\t54.00\tC\tkuning\tKualitas Sedang')" ] ||
	fail "classify: expected 87.995 -> 88.00 A, 54 -> 54.00 C"

echo "== score_entities"
out=$("$BIN/score_entities" "$DATA/scores-2022.csv") || fail "score_entities exited $?"
echo "$out"
grep -qP '^3\tKabupaten Bekasi\t73\.02\tC\tkuning\tKualitas Sedang$' <<<"$out" ||
	fail "score_entities: no 'Kabupaten Bekasi 73.02 C' line"

echo "== errors"
out=$("$BIN/errors") || fail "errors exited $?"
echo "$out"
exclude=$(sed -n 's/^[[:space:]]*COMPLIANCE_MISSING_EXCLUDE = \([0-9]*\).*/\1/p' "$SRC/include/compliance/assessment.h")
grep -qP "^compliance_profile_open\tCOMPLIANCE_E_NOTFOUND\tunknown profile 'ombudsman-1999'" <<<"$out" ||
	fail "errors: the unknown profile is not COMPLIANCE_E_NOTFOUND naming it"
grep -qP "^compliance_profile_classify\tCOMPLIANCE_E_PARSE\tscore '87,5': .*'\.'" <<<"$out" ||
	fail "errors: '87,5' is not COMPLIANCE_E_PARSE asking for '.'"
grep -qxP "compliance_missing\texclude\t$exclude\tCOMPLIANCE_MISSING_EXCLUDE" <<<"$out" ||
	fail "errors: exclude is not $exclude (include/compliance/assessment.h)"

echo "== skm_survey"
out=$("$BIN/skm_survey" "$DATA/skm-2017.csv") || fail "skm_survey exited $?"
echo "$out"
expected=$("$PY" - "$DATA/skm-2017.csv" <<'PY'
# Permenpan RB 14/2017: NRR = mean of the answers given to an element;
# IKM = 25 x (1/9) x sum of NRRs, half-up to 2 decimals; bands A 88.31,
# B 76.61 Baik, C 65.00, D 25.00.
import csv, sys
from fractions import Fraction as F
rows = list(csv.DictReader(open(sys.argv[1])))
els = ["U%d" % i for i in range(1, 10)]
nrr = []
for e in els:
    vals = [int(r[e]) for r in rows if r[e].strip()]
    nrr.append(F(sum(vals), len(vals)))
def dec(q, places):
    s = q * 10**places
    n = (s.numerator * 2 + s.denominator) // (2 * s.denominator)  # half-up, q >= 0
    return "%d.%0*d" % (n // 10**places, places, n % 10**places)
def exact(q):
    d = q.denominator
    while d % 2 == 0: d //= 2
    while d % 5 == 0: d //= 5
    if d != 1: return "%d/%d" % (q.numerator, q.denominator)
    s = dec(q, 12).rstrip("0")
    return s.rstrip(".") if s.endswith(".") else s
ikm = F(25) * F(1, 9) * sum(nrr)
r = F(dec(ikm, 2))
band = ("A", "Sangat Baik") if r >= F("88.31") else ("B", "Baik") if r >= F("76.61") else \
       ("C", "Kurang Baik") if r >= F("65.00") else ("D", "Tidak Baik")
for e, q in zip(els, nrr):
    print("%s\t%s\t%s" % (e, exact(q), dec(q, 3)))
print("respondents\t%d" % len(rows))
print("IKM\t%s\t%s\t%s\t%s" % (dec(ikm, 2), exact(ikm), band[0], band[1]))
PY
) || fail "the independent SKM computation failed"
[ "$(printf '%s\n' "$out" | head -n 11)" = "$expected" ] ||
	fail "skm_survey: expected (independently computed)
$expected"
grep -q '^respondents,ikm,category,label,nrr_U1' <<<"$out" || fail "skm_survey: no CSV from compliance_skm_write()"

echo "== report"
out=$("$BIN/report" "$DATA/scores-2022.csv" "Kabupaten Bekasi") || fail "report exited $?"
echo "$out"
mean=$("$PY" -c '
import csv, sys
from fractions import Fraction as F
v = [F(r["score"]) for r in csv.DictReader(open(sys.argv[1])) if r["entity"] == "Kabupaten Bekasi"]
m = sum(v) / len(v)
print("mean of %d: %d/%d" % (len(v), m.numerator, m.denominator))' "$DATA/scores-2022.csv")
grep -qx 'Kabupaten Bekasi,kabupaten,7,73.02,C,kuning,Kualitas Sedang,3,1' <<<"$out" ||
	fail "report: no CSV row 'Kabupaten Bekasi ... 73.02,C' from compliance_assessment_write()"
grep -q "^$mean " <<<"$out" || fail "report: the explanation lacks '$mean'"
grep -qx 'score: 73.02' <<<"$out" || fail "report: the explanation lacks 'score: 73.02'"

if [ "$failures" -ne 0 ]; then
	echo "FAIL: $failures check(s)"
	exit 1
fi
echo "PASS"
