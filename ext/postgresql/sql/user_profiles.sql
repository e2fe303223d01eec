-- User profiles: the profile argument as a JSON profile document kept in a
-- table (compliance_profile_load_buffer; it may extend a built-in). The
-- expected values are the published vectors (unit_means, from
-- compliance.sql) and closed forms (gen_units, gen_skm, from parallel.sql).
CREATE TABLE profiles (name text PRIMARY KEY, doc text NOT NULL);
-- a copy of each built-in the vectors use: nothing changed
INSERT INTO profiles
SELECT DISTINCT profile, format('{"id": "copy-of-%s", "extends": "%s"}', profile, profile)
  FROM unit_means;
-- ombudsman-2023 with the A/B edge moved from 88.00 to 87.00
INSERT INTO profiles VALUES ('edge-87', '{"id": "edge-87", "extends": "ombudsman-2023", "bands": [
  {"category": "A", "min": "87.00", "max": "100.00", "zone": "hijau", "label": "Kualitas Tertinggi"},
  {"category": "B", "min": "78.00", "max": "86.99", "zone": "hijau", "label": "Kualitas Tinggi"},
  {"category": "C", "min": "54.00", "max": "77.99", "zone": "kuning", "label": "Kualitas Sedang"},
  {"category": "D", "min": "32.00", "max": "53.99", "zone": "merah", "label": "Kualitas Rendah"},
  {"category": "E", "min": "0.00", "max": "31.99", "zone": "merah", "label": "Kualitas Terendah"}]}');
-- ombudsman-2023 with the C/D edge moved from 54.00 to 49.96
INSERT INTO profiles VALUES ('edge-4996', '{"id": "edge-4996", "extends": "ombudsman-2023", "bands": [
  {"category": "A", "min": "88.00", "max": "100.00", "zone": "hijau", "label": "Kualitas Tertinggi"},
  {"category": "B", "min": "78.00", "max": "87.99", "zone": "hijau", "label": "Kualitas Tinggi"},
  {"category": "C", "min": "49.96", "max": "77.99", "zone": "kuning", "label": "Kualitas Sedang"},
  {"category": "D", "min": "32.00", "max": "49.95", "zone": "merah", "label": "Kualitas Rendah"},
  {"category": "E", "min": "0.00", "max": "31.99", "zone": "merah", "label": "Kualitas Terendah"}]}');
INSERT INTO profiles VALUES ('my-skm', '{"id": "my-skm", "extends": "skm-2017"}');

-- ---- a copy gives the built-in's results: every published entity score ------
SELECT u.profile, entity, compliance_entity(p.doc, unit_score) AS score,
       compliance_entity(p.doc, unit_score) = min(published_entity_score) AS matches_published,
       compliance_entity_result(p.doc, unit_score) = compliance_entity_result(u.profile, unit_score)
         AS same_as_builtin
  FROM unit_means u JOIN profiles p ON p.name = u.profile
 GROUP BY u.profile, entity ORDER BY u.profile, entity;
SELECT count(*) AS classified,
       count(*) FILTER (WHERE compliance_classify(p.doc, published_entity_score)
                            = compliance_classify(u.profile, published_entity_score)) AS same
  FROM unit_means u JOIN profiles p ON p.name = u.profile;

-- ---- a moved band edge: another category exactly at the edge ----------------
SELECT s AS score, compliance_category('ombudsman-2023', s) AS builtin,
       compliance_category(doc, s) AS edge_87, (compliance_classify(doc, s)).score AS rounded
  FROM profiles, (VALUES (88.00), (87.00), (86.995), (86.994999), (86.99)) v(s)
 WHERE name = 'edge-87';
-- an entity whose mean is exactly the edge: (86.00 + 88.00) / 2 = 87.00
SELECT compliance_entity_result('ombudsman-2023', s)->>'category' AS builtin,
       compliance_entity_result((SELECT doc FROM profiles WHERE name = 'edge-87'), s) AS edge_87
  FROM (VALUES (86.00), (88.00)) v(s);

-- ---- in a parallel plan, the document read from the table ------------------
-- gen_units' entity g has the mean (7g mod 10 + 4995) / 100: 49.95 .. 50.04;
-- under edge-4996 only g = 0 (49.95) stays D, g = 3 (49.96, the edge) is C.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT doc AS edge_4996 FROM profiles WHERE name = 'edge-4996' \gset
SELECT doc AS my_skm FROM profiles WHERE name = 'my-skm' \gset
EXPLAIN (COSTS OFF) SELECT g, compliance_entity(:'edge_4996', score) FROM gen_units GROUP BY g;
SELECT workers_launched(format('SELECT g, compliance_entity(%L, score) FROM gen_units GROUP BY g',
                               :'edge_4996')) > 0 AS entity_workers,
       workers_launched(format('SELECT compliance_skm(%L, answers) FROM gen_skm', :'my_skm')) > 0
         AS skm_workers;
SELECT g, compliance_entity(:'edge_4996', score) AS score,
       compliance_entity_result(:'edge_4996', score)->>'category' AS edge_4996,
       compliance_entity_result('ombudsman-2023', score)->>'category' AS builtin
  FROM gen_units GROUP BY g ORDER BY g;
-- the SKM closed form (every NRR 2.5: IKM 62.50, D) under a copy of skm-2017
SELECT compliance_skm(:'my_skm', answers) AS ikm,
       compliance_skm_result(:'my_skm', answers)->>'category' AS category
  FROM gen_skm;
RESET max_parallel_workers_per_gather;

-- ---- states: the document travels with them; different profiles never merge -
CREATE FUNCTION doc_of(n text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT doc FROM profiles WHERE name = n $$;
CREATE AGGREGATE entity_state(text, numeric) (SFUNC = compliance_entity_sfunc, STYPE = text);
CREATE TABLE states AS
SELECT name, entity_state(doc, s) AS state FROM profiles, (VALUES (86.00)) v(s)
 WHERE name IN ('edge-87', 'edge-4996') GROUP BY name
UNION ALL
SELECT 'edge-87 b', entity_state(doc, 88.00) FROM profiles WHERE name = 'edge-87'
UNION ALL
SELECT 'builtin', entity_state('ombudsman-2023', 88.00);
SELECT name, split_part(state, E'\n', 1) ~ '^compliance-profile-document [0-9]+$' AS carries_document
  FROM states ORDER BY name;
SELECT compliance_entity_final(compliance_entity_combine(a.state, b.state)) AS merged_87
  FROM states a, states b WHERE a.name = 'edge-87' AND b.name = 'edge-87 b';
SELECT compliance_entity_combine(a.state, b.state)
  FROM states a, states b WHERE a.name = 'edge-87' AND b.name = 'edge-4996';
SELECT compliance_entity_combine(a.state, b.state)
  FROM states a, states b WHERE a.name = 'edge-87' AND b.name = 'builtin';
SELECT compliance_entity(p, 80) FROM profiles, (VALUES ('edge-87'), ('edge-4996')) v(n), doc_of(n) p
 WHERE name = n;

-- ---- bad documents: the library's message, its diagnostics and code name ----
SELECT compliance_category('{"id": "x"', 80);
SELECT compliance_category('{"id": "x", "extends": "ombudsman-2023", "bands": []}', 80);
SELECT compliance_category('{"id": "x", "extends": "ombudsman-1999"}', 80);
SELECT compliance_entity(doc, 80) FROM profiles WHERE name = 'my-skm';
SELECT compliance_entity('  {"id": "x", "year": 2023}', s) FROM (VALUES (80.0)) v(s);

-- ---- more documents than a backend keeps (8): each answers from its own ----
-- document k (0..11) puts the A/B edge at 80.00 + k/2; each score is
-- classified under every document, twice over, in one statement
CREATE TABLE edges AS
SELECT k, 80 + k / 2.0 AS edge,
       format('{"id": "edge-%s", "extends": "ombudsman-2023", "bands": [
  {"category": "A", "min": "%s", "max": "100.00", "zone": "hijau", "label": "A"},
  {"category": "B", "min": "78.00", "max": "%s", "zone": "hijau", "label": "B"},
  {"category": "C", "min": "54.00", "max": "77.99", "zone": "kuning", "label": "C"},
  {"category": "D", "min": "32.00", "max": "53.99", "zone": "merah", "label": "D"},
  {"category": "E", "min": "0.00", "max": "31.99", "zone": "merah", "label": "E"}]}',
              k, to_char(80 + k / 2.0, 'FM990.00'), to_char(80 + k / 2.0 - 0.01, 'FM990.00')) AS doc
  FROM generate_series(0, 11) k;
SELECT count(*) AS classified,
       count(*) FILTER (WHERE compliance_category(doc, s) = CASE WHEN s >= edge THEN 'A' ELSE 'B' END)
         AS as_expected
  FROM edges, (VALUES (80.00), (82.49), (82.50), (85.49), (85.50), (85.51)) v(s), generate_series(1, 2) r;
