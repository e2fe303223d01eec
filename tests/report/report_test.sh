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
#   crosswalk         `compliance rescore`: answers carried onto another
#                     edition, scores checked by hand, every refusal named
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

case_crosswalk() {
	local ex=$DATA/../profiles/instrument-2023.json cw=$DATA/../../tests/data/crosswalk
	# Hand computation under test-edition-b (dimension weights of 2023:
	# input 21.85, proses 32.37, output 24.24, pengaduan 21.54):
	#   Disdukcapil: input (ya + 2/3)/2 = 5/6, proses 3/3 -> 6/6 = 1, output 1,
	#     pengaduan (ya + tidak)/2 = 1/2: 18.208333 + 32.37 + 24.24 + 10.77
	#     = 85.588333 -> 85.59
	#   DPMPTSP: input 1, proses 1, output 2/3, pengaduan 1:
	#     21.85 + 32.37 + 16.16 + 21.54 = 91.92
	#   Dinas Sosial: the unit score 81.25, carried
	#   (85.59 + 91.92 + 81.25) / 3 = 86.2533 -> 86.25 B
	"$C" rescore --profile "$ex" --to "$cw/edition-b.json" --crosswalk "$cw/2023-to-b.csv" \
		--format json "$DATA/answers-2023.csv" >"$OUT/r.json" 2>"$OUT/err" || fail "$(cat "$OUT/err")"
	python3 - "$OUT/r.json" <<'PY' || fail "rescore json: $(cat "$OUT/r.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["from"] == "contoh-instrumen-2023" and d["to"] == "test-edition-b", d
(e,) = d["entities"]
assert e["entity"] == "Kota Contoh" and e["entity_type"] == "kota", e
assert e["from"] == {"score": "85.50", "category": "B"}, e
assert e["to"] == {"score": "86.25", "category": "B"}, e
r = d["crosswalk"]
assert r["answers_carried"] == 12 and r["unit_scores_carried"] == 1, r
assert r["no_equivalent"] == ["input.3", "proses.2", "output.2"], r
assert r["not_in_crosswalk"] == ["pengaduan.2"], r
assert r["to_leaves_without_answers"] == [], r
rows = {x["from"]: x for x in r["rows"]}
assert rows["proses.1"] == {"from": "proses.1", "to": "b.pr.1", "line": 5, "answers": 2}, rows
assert rows["input.3"]["to"] is None
PY
	# errors name the crosswalk's line and field
	printf 'from,to\ninput.1,b.in.1\ninput.1,b.in.2\n' >"$OUT/dup.csv"
	printf 'from,to\ninput.1,b.in.1\ninput.2,b.in.1\n' >"$OUT/two.csv"
	printf 'from,to\nnosuch,b.in.1\n' >"$OUT/unknown.csv"
	printf 'from,to\ninput.1,b.nosuch\n' >"$OUT/unknown-to.csv"
	printf 'from,to\ninput.2,b.pg.1\n' >"$OUT/between.csv"
	printf 'from,to,values\ninput.2,b.in.2,0=0;1=1\n' >"$OUT/values.csv"
	printf 'to,from\n' >"$OUT/header.csv"
	for x in "dup:dup.csv:3: field 'from': 'input.1' is mapped already at line 2" \
		"two:two.csv:3: field 'to': 'b.in.1' is the equivalent of line 2 already" \
		"unknown:unknown.csv:2: field 'from': 'nosuch' is not a node of profile contoh-instrumen-2023" \
		"unknown-to:unknown-to.csv:2: field 'to': 'b.nosuch' is not a node of profile test-edition-b" \
		"between:between.csv:2: entity 'Kota Contoh', unit 'Disdukcapil', node 'input.2' = 2 onto 'b.pg.1': its share falls between two answers of the new scale: give a values column" \
		"values:values.csv:2: entity 'Kota Contoh', unit 'Disdukcapil', node 'input.2': the answer 2 is not in the values column" \
		"header:header.csv:1: expected the header from,to or from,to,values"; do
		f=${x#*:}; f=${f%%:*}; msg=${x#*:*:}
		"$C" rescore --profile "$ex" --to "$cw/edition-b.json" --crosswalk "$OUT/$f" \
			"$DATA/answers-2023.csv" >/dev/null 2>"$OUT/err" && fail "$f accepted"
		grep -qF "$OUT/$f:$msg" "$OUT/err" || fail "$f: $(cat "$OUT/err")"
	done
	# a crosswalk that leaves TO leaves unanswered: the missing policy decides
	printf 'from,to\ninput.1,b.in.2\nproses.1,b.pr.1\noutput.1,b.out.1\npengaduan.1,b.pg.1\n' >"$OUT/partial.csv"
	"$C" rescore --profile "$ex" --to "$cw/edition-b.json" --crosswalk "$OUT/partial.csv" \
		"$DATA/answers-2023.csv" >/dev/null 2>"$OUT/err" && fail "missing answers accepted"
	grep -q "rescore: under test-edition-b: .*no answer given" "$OUT/err" || fail "$(cat "$OUT/err")"
	"$C" rescore --profile "$ex" --to "$cw/edition-b.json" --crosswalk "$OUT/partial.csv" \
		--missing minimum --format json "$DATA/answers-2023.csv" >"$OUT/p.json" 2>/dev/null ||
		fail "partial with --missing minimum"
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["crosswalk"]
assert r["to_leaves_without_answers"] == ["b.in.1", "b.pg.2"], r
' "$OUT/p.json" || fail "unanswered leaves: $(cat "$OUT/p.json")"
	"$C" rescore --profile "$ex" --crosswalk "$cw/2023-to-b.csv" "$DATA/answers-2023.csv" 2>"$OUT/err" &&
		fail "no --to accepted"
	grep -q "rescore: --to PROFILE and --crosswalk FILE are required" "$OUT/err" || fail "$(cat "$OUT/err")"
	return 0
}

# an SKM export with a group column whose values try to break out of the page
skm_export() {
	local src=$DATA/../../tests/data/skm-exports/excel-id-letters.csv
	sed 's/;KTP;/;<img src=http:\/\/127.0.0.1:9\/x.png>;/' "$src" >"$OUT/skm.csv"
}

case_skm_content() {
	skm_export
	"$C" skm --letters --by "Jenis Layanan" --format html "$OUT/skm.csv" >"$OUT/skm.html" \
		2>"$OUT/err" || fail "skm html: $(cat "$OUT/err")"
	"$C" skm --letters --by "Jenis Layanan" --format json "$OUT/skm.csv" >"$OUT/skm.json" \
		2>/dev/null || fail "skm json"
	python3 - "$OUT/skm.html" "$OUT/skm.json" <<'PY' || fail "skm rapor content"
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
d = json.load(open(sys.argv[2], encoding="utf-8"))
assert "content=\"default-src 'none'" in html and "<script" not in html.lower()
assert "<img" not in html and "&lt;img src=http://127.0.0.1:9/x.png&gt;" in html
# every NRR and quality band of the total and of each group, in order
rows = re.findall(r'<tr class="skm-element"><td>([^<]*)</td><td>[^<]*</td><td class="num">(\d+)'
                  r'</td><td class="num">([^<]*)</td><td>([^<]*)</td>', html)
want = []
for doc in [d] + [g for g in d["groups"] if "elements" in g]:
    for e in doc["elements"]:
        want.append((e["element"], str(e["answers"]), e["nrr"],
                     e["band"]["category"] + " " + e["band"]["label"]))
assert rows == want, (rows[:3], want[:3])
ikms = re.findall(r'<strong class="ikm-value">([^<]*)</strong>', html)
assert ikms == [d["ikm"]] + [g["ikm"] for g in d["groups"] if "ikm" in g], ikms
assert html.count('<section class="entity skm-group"') == len(d["groups"])
for trait, rows_ in d["respondent_profile"].items():
    for r in rows_:
        assert "<tr><td>%s</td><td class=\"num\">%d</td></tr>" % (r["value"], r["count"]) in html, r
for t in d["template_weights"]:
    assert "<td class=\"num\">%s</td>" % t["ikm"] in html, t
PY
	# NRR bars: 1..4 onto 160 pixels; 3.000 -> (3000 - 1000) * 160 / 3000 = 106
	grep -q 'width="106" height="8"' "$OUT/skm.html" || fail "NRR 3.000 bar"
	return 0
}

case_skm_chromium() {
	skm_export
	"$C" skm --letters --by "Jenis Layanan" --format html "$OUT/skm.csv" >"$OUT/skm.html" 2>/dev/null ||
		fail "skm html"
	groups=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["groups"]))' \
		< <("$C" skm --letters --by "Jenis Layanan" --format json "$OUT/skm.csv" 2>/dev/null))
	timeout 120 python3 "$HERE/chromium_check.py" "$OUT/skm.html" "$OUT/chromium-skm" \
		--expect "section.skm-group=$groups" --expect "table.skm-elements=$((groups + 1))" \
		--expect "table.skm-trait=4" --expect-text "Survei Kepuasan Masyarakat" \
		--expect-text "<img src=http://127.0.0.1:9/x.png>" || fail "SKM rapor in Chromium"
}

"case_$CASE"
