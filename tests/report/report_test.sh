#!/usr/bin/env bash
# The rapor (`compliance report`, COMPLIANCE_FORMAT_HTML) end to end.
#   report_test.sh COMPLIANCE EXAMPLES_DATA OUTDIR CASE
# Cases:
#   content           the page's facts agree with `score --format csv`, its
#                     CSP forbids loads, input text is escaped, -o and stdout agree
#   chromium          rendered in headless Chromium (chromium_check.py): no
#                     console error, no network request, elements, English
#                     switch, a non-blank screenshot and a PDF
#   sensitivity       `compliance sensitivity` against brute force over every
#                     vertex of the weight polytopes (sensitivity_check.py)
#   chromium_detects  the checker itself fails a page that loads an image
#                     and runs a script (so that a pass means something)
set -u
C=$1 DATA=$2 OUT=$3 CASE=$4
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
fail() { echo "FAIL: $*"; exit 1; }

# a file whose names try to break out of the page
hostile() {
	cat >"$OUT/hostile.csv" <<'CSV'
entity,entity_type,unit,score
"<img src=http://127.0.0.1:9/x.png onerror=alert(1)>",kota,"<script>alert(2)</script>",88.31
"Kab ""&amp; B""",kabupaten,Dinas 'Sosial',53.995
Kab C,kabupaten,Unit 1,100
CSV
}

case_content() {
	"$C" report --profile ombudsman-2022 -o "$OUT/r.html" "$DATA/scores-2022.csv" 2>"$OUT/err" ||
		fail "report: $(cat "$OUT/err")"
	grep -q "wrote $OUT/r.html" "$OUT/err" || fail "no 'wrote' line: $(cat "$OUT/err")"
	"$C" report --profile ombudsman-2022 "$DATA/scores-2022.csv" >"$OUT/r-stdout.html" 2>/dev/null
	cmp -s "$OUT/r.html" "$OUT/r-stdout.html" || fail "-o and standard output differ"
	"$C" score --profile ombudsman-2022 --format=html "$DATA/scores-2022.csv" >"$OUT/r-score.html" 2>/dev/null
	cmp -s "$OUT/r.html" "$OUT/r-score.html" || fail "report and score --format html differ"
	"$C" score --profile ombudsman-2022 --format csv "$DATA/scores-2022.csv" >"$OUT/s.csv" 2>/dev/null
	python3 - "$OUT/r.html" "$OUT/s.csv" <<'PY' || fail "content"
import csv, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
assert html.startswith("<!DOCTYPE html>"), html[:40]
assert "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:;" in html
# nothing that could load or run: no script, no external URL (the SVG
# namespace is a name, not a load)
assert "<script" not in html.lower()
urls = set(re.findall(r"https?://[^\"' <>]+", html))
assert urls <= {"http://www.w3.org/2000/svg"}, urls
# the national table: every entity of the CSV, same order, score, category
got = re.findall(r'<tr class="entity-row"><td class="num">(\d+)</td><td class="num">(\d+)</td>'
                 r'<td><a href="#e\d+">([^<]*)</a></td><td>([^<]*)</td><td class="num">(\d+)</td>'
                 r'<td class="num score">([^<]*)</td><td>([^<]*)</td>', html)
assert len(got) == len(rows), (len(got), len(rows))
for g, r in zip(got, rows):
    assert g[2] == r["entity"] and g[3] == r["entity_type"], (g, r)
    assert g[4] == r["units"] and g[5] == r["score"] and g[6] == r["category"], (g, r)
    assert g[0] == r["rank"] and g[1] == r["rank_in_type"], (g, r)
# the counts per category add up to the entities, and agree with the CSV
counts = dict(re.findall(r'<tr class="band-row"><td>([^<]*)</td><td class="[^"]*">[^<]*</td>'
                         r'<td>.*?</td><td class="num">(\d+)</td>', html))
for cat, n in counts.items():
    assert int(n) == sum(1 for r in rows if r["category"] == cat), (cat, n)
assert sum(int(n) for n in counts.values()) == len(rows)
# a section, a chart with one bar per unit plus the entity's, the
# explanation and the advice for every entity
assert html.count('<section class="entity"') == len(rows)
assert html.count('<svg class="chart"') == len(rows)
assert html.count('<g class="unit">') == sum(int(r["units"]) for r in rows)
assert html.count('<g class="entity-score">') == len(rows)
assert html.count("Penjelasan") == len(rows) and html.count("Saran perbaikan") == len(rows)
assert html.count("Kepekaan terhadap bobot") == len(rows)
assert html.count("scored from unit scores: no weight enters") == len(rows)
PY
	# chart geometry: a bar is the score's share of the 480-pixel scale, in
	# integer arithmetic: 100.00 fills it; 53.995 -> 54.00 -> 259 (25920/100)
	hostile
	"$C" report --profile ombudsman-2022 -o "$OUT/h.html" "$OUT/hostile.csv" 2>/dev/null ||
		fail "hostile report"
	grep -q '<rect class="bar" x="190" y="[0-9]*" width="480"' "$OUT/h.html" || fail "100 bar"
	grep -q '<rect class="bar" x="190" y="[0-9]*" width="259"' "$OUT/h.html" || fail "54.00 bar"
	grep -q '&lt;img src=http://127.0.0.1:9/x.png onerror=alert(1)&gt;' "$OUT/h.html" ||
		fail "entity name not escaped"
	grep -q '&lt;script&gt;alert(2)&lt;/script&gt;' "$OUT/h.html" || fail "unit name not escaped"
	grep -q 'Kab &quot;&amp;amp; B&quot;' "$OUT/h.html" || fail "quote/ampersand not escaped"
	! grep -qi '<script\|<img' "$OUT/h.html" || fail "markup from input reached the page"
	# errors: an unwritable -o, an unknown format for explain
	"$C" report --profile ombudsman-2022 -o /nonexistent/dir/r.html "$DATA/scores-2022.csv" \
		2>"$OUT/err" && fail "unwritable -o accepted"
	grep -q "/nonexistent/dir/r.html: cannot write" "$OUT/err" || fail "$(cat "$OUT/err")"
	"$C" report --help | grep -q "^usage: compliance report" || fail "report --help"
	return 0
}

case_chromium() {
	"$C" report --profile ombudsman-2022 -o "$OUT/c.html" "$DATA/scores-2022.csv" 2>/dev/null ||
		fail "report"
	n=$(($(wc -l <"$DATA/scores-2022.csv") - 1))
	n=$("$C" score --profile ombudsman-2022 --format csv "$DATA/scores-2022.csv" 2>/dev/null | tail -n +2 | wc -l)
	timeout 120 python3 "$HERE/chromium_check.py" "$OUT/c.html" "$OUT/chromium-example" \
		--entities "$n" --expect-text "Peringkat nasional" --expect-text "Saran perbaikan" ||
		fail "example report in Chromium"
	hostile
	"$C" report --profile ombudsman-2022 -o "$OUT/h.html" "$OUT/hostile.csv" 2>/dev/null
	timeout 120 python3 "$HERE/chromium_check.py" "$OUT/h.html" "$OUT/chromium-hostile" \
		--entities 3 --expect-text "<script>alert(2)</script>" ||
		fail "hostile report in Chromium"
}

case_chromium_detects() {
	"$C" report --profile ombudsman-2022 -o "$OUT/d.html" "$DATA/scores-2022.csv" 2>/dev/null
	sed 's#</main>#<img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script></main>#' \
		"$OUT/d.html" >"$OUT/d-bad.html"
	n=$("$C" score --profile ombudsman-2022 --format csv "$DATA/scores-2022.csv" 2>/dev/null | tail -n +2 | wc -l)
	timeout 120 python3 "$HERE/chromium_check.py" "$OUT/d-bad.html" "$OUT/chromium-bad" \
		--entities "$n" >"$OUT/d.out" 2>&1 && fail "the checker passed a page that loads and runs"
	grep -q "FAIL: network request: http://127.0.0.1:9/x.png\|FAIL: log error: Loading the image" "$OUT/d.out" ||
		fail "no network finding: $(cat "$OUT/d.out")"
	grep -q "script/iframe/object/embed/img elements" "$OUT/d.out" || fail "$(cat "$OUT/d.out")"
	grep -q "FAIL: log error: Executing inline script violates" "$OUT/d.out" ||
		fail "no CSP finding: $(cat "$OUT/d.out")"
}

case_sensitivity() {
	# the exact extremes against brute force over every vertex (python
	# fractions, weights of the dimensions as METHODOLOGY §2 states them)
	local ex=$DATA/../profiles/instrument-2023.json b
	for b in 20 1 50 100 any; do
		python3 "$HERE/sensitivity_check.py" "$C" "$ex" "$DATA/answers-2023.csv" "Kota Contoh" \
			"$b" "input=21.85,proses=32.37,output=24.24,pengaduan=21.54" || fail "bound $b"
	done
	# +-50% moves the score across A's edge at 88.00 (88.13 at the top):
	# the category can change; +-20% keeps B
	"$C" sensitivity --profile "$ex" --bound=50% "$DATA/answers-2023.csv" "Kota Contoh" \
		>"$OUT/s50.txt" 2>/dev/null || fail "sensitivity 50%"
	grep -qx "category can change: yes" "$OUT/s50.txt" || fail "50%: $(cat "$OUT/s50.txt")"
	"$C" sensitivity --profile "$ex" "$DATA/answers-2023.csv" "Kota Contoh" \
		>"$OUT/s20.txt" 2>/dev/null || fail "sensitivity 20%"
	grep -qx "category can change: no" "$OUT/s20.txt" || fail "20%: $(cat "$OUT/s20.txt")"
	# unit scores only: no weight enters, the range is the score
	"$C" sensitivity --profile ombudsman-2022 --format json "$DATA/scores-2022.csv" "Kota Contoh" \
		>"$OUT/su.json" 2>/dev/null || fail "unit scores"
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["min"]["score"] == d["max"]["score"] == d["score"], d
assert d["varying"] == [] and d["category_can_change"] == "no", d
' "$OUT/su.json" || fail "unit-score entity: $(cat "$OUT/su.json")"
	# errors: the bound, the exclude policy, a bound on another command
	"$C" sensitivity --profile "$ex" --bound 0% "$DATA/answers-2023.csv" "Kota Contoh" 2>"$OUT/err" &&
		fail "bound 0% accepted"
	grep -q "sensitivity: --bound '0%': expected a whole percentage from 1% to 100%" "$OUT/err" ||
		fail "$(cat "$OUT/err")"
	"$C" sensitivity --profile "$ex" --bound 12.5% "$DATA/answers-2023.csv" "Kota Contoh" 2>/dev/null &&
		fail "bound 12.5% accepted"
	"$C" explain --profile "$ex" --bound 20% "$DATA/answers-2023.csv" "Kota Contoh" 2>"$OUT/err" &&
		fail "--bound on explain accepted"
	grep -q "explain: --bound is an option of sensitivity" "$OUT/err" || fail "$(cat "$OUT/err")"
	grep -v 'proses.2' "$DATA/answers-2023.csv" >"$OUT/missing.csv"
	"$C" sensitivity --profile "$ex" --missing exclude "$OUT/missing.csv" "Kota Contoh" 2>"$OUT/err" &&
		fail "an excluded answer accepted"
	grep -q "an answer is excluded (missing-answer policy exclude)" "$OUT/err" ||
		fail "$(cat "$OUT/err")"
	# under the minimum policy the missing answer counts 0 and the range is exact again
	"$C" sensitivity --profile "$ex" --missing minimum "$OUT/missing.csv" "Kota Contoh" \
		>/dev/null 2>&1 || fail "minimum policy"
	return 0
}

"case_$CASE"
