-- libcompliance in PostgreSQL: the published vectors (tests/data) through
-- the classification functions and the aggregates, exact numeric in and
-- out, and the errors with the library's messages.
CREATE EXTENSION compliance;
\getenv datadir COMPLIANCE_TEST_DATA
\set classifications_csv :datadir '/classifications.csv'
\set unit_means_csv :datadir '/unit-means.csv'
\set skm_csv :datadir '/skm-example.csv'

-- ---- classification: every published score ---------------------------------
-- (the files' last field, the source, holds unquoted commas: read lines and
-- split off the fields before it)
CREATE TABLE lines (line text);
COPY lines FROM :'classifications_csv';
CREATE TABLE classifications AS
SELECT split_part(line, ',', 1) AS profile, split_part(line, ',', 2) AS entity,
       split_part(line, ',', 3)::numeric AS score,
       nullif(split_part(line, ',', 4), '') AS published_category,
       split_part(line, ',', 5) AS published_zone,
       nullif(split_part(line, ',', 6), '') AS published_label
  FROM lines WHERE line NOT LIKE 'profile,%';
SELECT count(*) AS published_classifications FROM classifications;
SELECT profile, entity, score, (c).category, (c).zone, (c).label,
       (c).category IS NOT DISTINCT FROM published_category
       AND (c).zone = published_zone
       AND (published_label IS NULL OR (c).label = published_label) AS matches
  FROM (SELECT *, compliance_classify(profile, score) AS c FROM classifications) t
 ORDER BY profile, entity;
SELECT count(*) AS mismatches FROM classifications
 WHERE compliance_category(profile, score) IS DISTINCT FROM published_category
    OR compliance_zone(profile, score) <> published_zone;

-- rounding first (87.995 -> 88.00, band A from 88.00 under 2023), numeric out
SELECT * FROM compliance_classify('ombudsman-2023', 87.995);
SELECT * FROM compliance_classify('ombudsman-2023', 87.994999999999);
SELECT compliance_label('ombudsman-2023', 87.995), compliance_zone('ombudsman-2021', 96.75),
       compliance_category('ombudsman-2021', 96.75) IS NULL AS zone_only;
-- an IKM on the SKM method's bands
SELECT compliance_category('skm-2017', 84.54), compliance_label('skm-2017', 88.31);
SELECT compliance_category('ombudsman-2023', NULL) IS NULL AS strict;
-- errors carry the library's message
SELECT compliance_category('ombudsman-1999', 50);
SELECT compliance_category('ombudsman-2023', 100.01);
SELECT compliance_category('ombudsman-2023', 'NaN');
SELECT compliance_category('pekppp-2022', 50);

-- ---- entity roll-up: unit scores -> published entity scores ----------------
TRUNCATE lines;
COPY lines FROM :'unit_means_csv';
CREATE TABLE unit_means AS
SELECT split_part(line, ',', 1) AS profile, split_part(line, ',', 2) AS entity,
       split_part(line, ',', 4) AS unit, split_part(line, ',', 5)::numeric AS unit_score,
       split_part(line, ',', 6)::numeric AS published_entity_score,
       split_part(line, ',', 7) AS published_category,
       split_part(line, ',', 8) AS published_zone
  FROM lines WHERE line NOT LIKE 'profile,%';
SELECT profile, entity, count(*) AS units,
       compliance_entity(profile, unit_score) AS score,
       min(published_entity_score) AS published,
       compliance_entity(profile, unit_score) = min(published_entity_score) AS matches,
       (compliance_entity_result(profile, unit_score))->>'category' AS category,
       min(published_category) AS published_category
  FROM unit_means GROUP BY profile, entity ORDER BY profile, entity;
SELECT compliance_entity_result(profile, unit_score)
  FROM unit_means WHERE profile = 'ombudsman-2023' AND entity = 'Kota Tangerang Selatan';
-- the same with the units in another order; rows with a NULL are ignored;
-- 90.015 is rounded at the unit stage (90.02): (80.00 + 90.02) / 2 = 85.01
SELECT compliance_entity(profile, unit_score ORDER BY unit_score DESC)
  FROM unit_means WHERE profile = 'ombudsman-2023' AND entity = 'Kota Tangerang Selatan';
SELECT compliance_entity(p, s) FROM (VALUES ('ombudsman-2023', 80.00), (NULL, 10), ('ombudsman-2023', NULL),
       ('ombudsman-2023', 90.015)) v(p, s);
-- no rows: NULL
SELECT compliance_entity(profile, unit_score) IS NULL AS empty FROM unit_means WHERE false;
-- errors
SELECT compliance_entity(p, s) FROM (VALUES ('ombudsman-2023', 80), ('ombudsman-2022', 90)) v(p, s);
SELECT compliance_entity('ombudsman-2023', s) FROM (VALUES (80), (101)) v(s);
SELECT compliance_entity('skm-2017', 80);
SELECT compliance_entity_final('compliance-entity-acc 1
profile ombudsman-2023
units 2
sum 201/1
');

-- ---- SKM: the published example (84.54 B available-case) ---------------------
CREATE TABLE skm (respondent text, u1 int, u2 int, u3 int, u4 int, u5 int, u6 int,
    u7 int, u8 int, u9 int);
COPY skm FROM :'skm_csv' (FORMAT csv, HEADER true);
SELECT compliance_skm('skm-2017', ARRAY[u1, u2, u3, u4, u5, u6, u7, u8, u9]) FROM skm;
SELECT compliance_skm('skm-2017', ARRAY[u1, u2, u3, u4, u5, u6, u7, u8, u9]::smallint[]) FROM skm;
SELECT jsonb_pretty(compliance_skm_result('skm-2017', ARRAY[u1, u2, u3, u4, u5, u6, u7, u8, u9]))
  FROM skm;
-- tallies per office (odd and even respondents), stored, then merged:
-- the counts travel, not the answers
CREATE TABLE tallies AS
SELECT respondent::int % 2 AS office,
       compliance_skm_tally('skm-2017', ARRAY[u1, u2, u3, u4, u5, u6, u7, u8, u9]) AS tally
  FROM skm GROUP BY 1;
SELECT office, tally FROM tallies ORDER BY office;
SELECT compliance_skm_ikm(compliance_skm_merge(tally ORDER BY office DESC)) FROM tallies;
SELECT compliance_skm_result(compliance_skm_merge(tally))->>'ikm_exact' AS ikm_exact FROM tallies;
-- listwise deletion (respondent 6 left U4 blank): 85.56, as published
SELECT compliance_skm_ikm(compliance_skm_tally('skm-2017', ARRAY[u1, u2, u3, u4, u5, u6, u7, u8, u9]),
                          'listwise') AS listwise,
       compliance_skm_result(compliance_skm_tally('skm-2017', ARRAY[u1, u2, u3, u4, u5, u6, u7, u8, u9]),
                             'COMPLIANCE_SKM_MISSING_LISTWISE')->>'respondents' AS respondents
  FROM skm;
SELECT compliance_skm_ikm(compliance_skm_tally('skm-2017', ARRAY[4, 4, 4, 4, 4, 4, 4, 4, 4]),
                          'pairwise');
-- errors
SELECT compliance_skm('skm-2017', ARRAY[4, 4, 5, 4, 4, 4, 4, 4, 4]);
SELECT compliance_skm('skm-2017', ARRAY[4, 4, 4]);
SELECT compliance_skm('skm-2017', ARRAY[[4, 4], [4, 4]]);
SELECT compliance_skm('skm-2017', ARRAY[0, 0, 0, 0, 0, 0, 0, 0, 0]);
SELECT compliance_skm('ombudsman-2023', ARRAY[4, 4, 4, 4, 4, 4, 4, 4, 4]);
SELECT compliance_skm_ikm('hello');
SELECT compliance_skm_ikm('compliance-skm-tally 1
profile skm-2017
read 1
');
SELECT compliance_skm_merge(t) FROM (
  SELECT compliance_skm_tally('skm-2017', ARRAY[4, 4, 4, 4, 4, 4, 4, 4, 4])
  UNION ALL
  SELECT compliance_skm_tally('skm-2004', ARRAY[4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4])) v(t);
