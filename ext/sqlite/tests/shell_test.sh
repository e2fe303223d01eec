#!/usr/bin/env bash
# The SQLite extension from the sqlite3 shell (.load): the published vectors
# of tests/data through SQL, and the errors.
# usage: shell_test.sh SQLITE3 EXTENSION DATA_DIR WORK_DIR
set -u
sqlite=$1 ext=$2 data=$3 work=$4
fails=0
tmp=$(mktemp -d "$work/shell_test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# run SQL (stdin) in a fresh in-memory database with the extension loaded
run() {
	{ printf '.load %s\n' "$ext"; cat; } | "$sqlite" -batch -bail :memory: 2>"$tmp/err"
}

expect() { # name expected actual
	if [ "$2" != "$3" ]; then
		printf 'FAIL %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3" >&2
		[ -s "$tmp/err" ] && sed 's/^/  stderr: /' "$tmp/err" >&2
		fails=$((fails + 1))
	else
		printf 'ok   %s\n' "$1"
	fi
}

expect_error() { # name fragment (SQL on stdin)
	local name=$1 fragment=$2 out
	if out=$(run); then
		printf 'FAIL %s: no error (output %s)\n' "$name" "$out" >&2
		fails=$((fails + 1))
	elif ! grep -qF -- "$fragment" "$tmp/err"; then
		printf 'FAIL %s: the error does not say "%s":\n' "$name" "$fragment" >&2
		sed 's/^/  /' "$tmp/err" >&2
		fails=$((fails + 1))
	else
		printf 'ok   %s (%s)\n' "$name" "$(head -c 160 "$tmp/err")"
	fi
}

# classifications.csv: every row (the source column may hold unquoted
# commas: the shell keeps the first seven fields)
out=$(run <<SQL
CREATE TABLE c(profile TEXT, entity TEXT, score TEXT, cat TEXT, zone TEXT, label TEXT, source TEXT);
.import --csv --skip 1 $data/classifications.csv c
SELECT count(*), sum(coalesce(compliance_classify(profile, score), '') = cat
                     AND compliance_zone(profile, score) = zone
                     AND (label = '' OR compliance_label(profile, score) = label)
                     AND compliance_round(profile, score) = score
                     AND json_extract(compliance_classify_json(profile, score), '\$.zone') = zone)
FROM c;
SQL
)
expect "classifications: every published row" "15|15" "$out"

# unit-means.csv: the entity aggregate over each (profile, entity) group
out=$(run <<SQL
CREATE TABLE u(profile TEXT, entity TEXT, entity_type TEXT, unit TEXT, unit_score TEXT,
               pub_score TEXT, pub_cat TEXT, pub_zone TEXT, source TEXT);
.import --csv --skip 1 $data/unit-means.csv u
SELECT count(*), sum(units), sum(s = pub_score AND json_extract(j, '\$.category') = pub_cat
                                 AND json_extract(j, '\$.zone') = pub_zone
                                 AND json_extract(j, '\$.score') = pub_score)
FROM (SELECT count(*) AS units, max(pub_score) AS pub_score, max(pub_cat) AS pub_cat,
             max(pub_zone) AS pub_zone, compliance_entity(profile, unit_score) AS s,
             compliance_entity_json(profile, unit_score, entity_type) AS j
      FROM u GROUP BY profile, entity);
SQL
)
expect "unit-means: 6 entities, 35 units, all published" "6|35|6" "$out"

out=$(run <<SQL
CREATE TABLE u(profile TEXT, entity TEXT, entity_type TEXT, unit TEXT, unit_score TEXT,
               pub_score TEXT, pub_cat TEXT, pub_zone TEXT, source TEXT);
.import --csv --skip 1 $data/unit-means.csv u
SELECT json_extract(compliance_entity_json(profile, unit_score), '\$.mean')
FROM u WHERE profile = 'ombudsman-2022' AND entity = 'Kabupaten Bekasi';
SELECT compliance_entity('ombudsman-2025', unit_score) FROM u
WHERE profile = 'ombudsman-2025' AND entity = 'Pemerintah Daerah DIY';
SQL
)
expect "exact mean of Kab. Bekasi 2022, DIY 2025 rounds up" "51117/700
86.00" "$out"

# skm-example.csv: available-case (84.54) and listwise by a WHERE (85.56),
# answers as nine arguments and as one text; skm-tie.csv: the half-up tie
skm_table="CREATE TABLE r(respondent TEXT, U1 TEXT, U2 TEXT, U3 TEXT, U4 TEXT, U5 TEXT,
                          U6 TEXT, U7 TEXT, U8 TEXT, U9 TEXT);"
out=$(run <<SQL
$skm_table
.import --csv --skip 1 $data/skm-example.csv r
SELECT compliance_skm('skm-2017', U1, U2, U3, U4, U5, U6, U7, U8, U9) FROM r;
SELECT compliance_skm('skm-2017', U1||','||U2||','||U3||','||U4||','||U5||','||U6||','||U7||','||U8||','||U9) FROM r;
SELECT compliance_skm_json('skm-2017', U1, U2, U3, U4, U5, U6, U7, U8, U9) FROM r;
SELECT compliance_skm('skm-2017', U1, U2, U3, U4, U5, U6, U7, U8, U9) FROM r
WHERE '' NOT IN (U1, U2, U3, U4, U5, U6, U7, U8, U9);
SQL
)
expect "skm-example: 84.54 (B, Baik), listwise 85.56" '84.54
84.54
{"ikm":"84.54","ikm_exact":"4565/54","category":"B","label":"Baik","respondents":6,"respondents_read":6}
85.56' "$out"

out=$(run <<SQL
$skm_table
.import --csv --skip 1 $data/skm-tie.csv r
SELECT compliance_skm('skm-2017', U1, U2, U3, U4, U5, U6, U7, U8, U9),
       json_extract(compliance_skm_json('skm-2017', U1, U2, U3, U4, U5, U6, U7, U8, U9),
                    '\$.ikm_exact') FROM r;
SQL
)
expect "skm-tie: 625/8 = 78.125 rounds half-up to 78.13" "78.13|78.125" "$out"

# INTEGER is exact; an empty group gives NULL
out=$(run <<'SQL'
SELECT compliance_classify('ombudsman-2023', 88), compliance_round('ombudsman-2023', 88);
SELECT quote(compliance_classify('ombudsman-2023', NULL)), quote(compliance_zone(NULL, '80'));
CREATE TABLE e(p TEXT, s TEXT);
SELECT quote(compliance_entity(p, s)), quote(compliance_skm(p, s)) FROM e;
INSERT INTO e VALUES ('ombudsman-2022', '80'), ('ombudsman-2022', NULL), ('ombudsman-2022', 90);
SELECT compliance_entity(p, s), compliance_entity_json(p, s) ->> '$.units' FROM e;
SELECT quote(compliance_entity(p, s)) FROM e WHERE s IS NULL;
SQL
)
expect "integers, NULL, empty group, NULL unit scores skipped" "A|88.00
NULL|NULL
NULL|NULL
85.00|2
NULL" "$out"

# errors
expect_error "REAL refused" "is a REAL (binary floating point" <<'SQL'
SELECT compliance_classify('ombudsman-2023', 87.995);
SQL
expect_error "REAL in the aggregate refused" "pass it as TEXT" <<'SQL'
SELECT compliance_entity('ombudsman-2023', 87.995);
SQL
expect_error "unknown profile" "COMPLIANCE_E_NOTFOUND: unknown profile 'ombudsman-1999'" <<'SQL'
SELECT compliance_classify('ombudsman-1999', '80');
SQL
expect_error "out of scale" "COMPLIANCE_E_RANGE: score '100.01' is outside the scale" <<'SQL'
SELECT compliance_zone('ombudsman-2022', '100.01');
SQL
expect_error "not a number" "COMPLIANCE_E_PARSE" <<'SQL'
SELECT compliance_classify('ombudsman-2022', '8,5');
SQL
expect_error "pekppp-2022: no published bands" "COMPLIANCE_E_MISSING" <<'SQL'
SELECT compliance_classify('pekppp-2022', '80');
SQL
expect_error "answer 5" "COMPLIANCE_E_RANGE" <<'SQL'
SELECT compliance_skm('skm-2017', 4, 4, 4, 5, 4, 4, 4, 4, 4);
SQL
expect_error "eight answers" "8 answers given, skm-2017 has 9 elements" <<'SQL'
SELECT compliance_skm('skm-2017', '4,4,4,4,4,4,4,4');
SQL
expect_error "an SKM profile in compliance_entity" "COMPLIANCE_E" <<'SQL'
SELECT compliance_entity('skm-2017', '80');
SQL
expect_error "two profiles in one group" "same profile" <<'SQL'
SELECT compliance_entity(p, s) FROM (SELECT 'ombudsman-2022' AS p, '80' AS s
                                     UNION ALL SELECT 'ombudsman-2023', '90');
SQL
expect_error "a bad profile text" "COMPLIANCE_E_PROFILE" <<'SQL'
SELECT compliance_classify('{"id": ', '80');
SQL

# a profile given as JSON text
mini=$(cat "$data/bad/profile-mini-valid.json" 2>/dev/null)
if [ -n "$mini" ]; then
	out=$(printf "SELECT compliance_zone(CAST(readfile('%s') AS TEXT), '50') IS NOT NULL;\n" \
	      "$data/bad/profile-mini-valid.json" | run)
	expect "a profile given as JSON text" "1" "$out"
fi

[ "$fails" -eq 0 ] && echo "all passed" || { echo "$fails failed" >&2; exit 1; }
