-- Parallel aggregation: the aggregates' partial text states are combined
-- across workers. Generated data with results known in closed form, and
-- the same queries under a serial plan: identical results.

-- SKM: respondent i answers (i mod 4) + 1 to every element, i = 1..40000:
-- every NRR is (1+2+3+4)/4 = 2.5, the IKM 25 * 2.5 = 62.50 (D, Tidak Baik).
CREATE TABLE gen_skm AS
SELECT i, array_fill((i % 4) + 1, ARRAY[9]) AS answers,
       -- a second, irregular set: blanks (NULL) one time in seven
       ARRAY(SELECT CASE WHEN (i * 31 + j * 17) % 7 = 0 THEN NULL
                         ELSE ((i * 7 + j * 13 + i / 3) % 4) + 1 END
               FROM generate_series(1, 9) j) AS mixed
  FROM generate_series(1, 40000) i;
-- entities: unit i of entity g = i mod 10 scores ((37 i) mod 10000) / 100.
-- Over i = 1..50000 each entity's scores are c/100, (c+10)/100, ...,
-- (c+9990)/100 (c = 7g mod 10), five times each: mean (c + 4995) / 100.
CREATE TABLE gen_units AS
SELECT i % 10 AS g, ((37 * i) % 10000) / 100.0 AS score
  FROM generate_series(1, 50000) i;
ANALYZE gen_skm;
ANALYZE gen_units;

SET max_parallel_workers_per_gather = 0;
CREATE TABLE serial_results AS
SELECT 'skm' AS what, compliance_skm('skm-2017', answers)::text AS result FROM gen_skm
UNION ALL
SELECT 'skm mixed', compliance_skm_result('skm-2017', mixed)::text FROM gen_skm
UNION ALL
SELECT 'entity ' || g, compliance_entity_result('ombudsman-2023', score)::text
  FROM gen_units GROUP BY g;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
ALTER TABLE gen_skm SET (parallel_workers = 2);
ALTER TABLE gen_units SET (parallel_workers = 2);
EXPLAIN (COSTS OFF) SELECT compliance_skm('skm-2017', answers) FROM gen_skm;
EXPLAIN (COSTS OFF) SELECT g, compliance_entity('ombudsman-2023', score) FROM gen_units GROUP BY g;
-- the workers really ran (their partial states were combined)
CREATE FUNCTION workers_launched(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || q INTO plan;
    RETURN (plan->0->'Plan'->'Plans'->0->>'Workers Launched')::int;
END $$;
SELECT workers_launched($q$SELECT compliance_skm('skm-2017', mixed) FROM gen_skm$q$) > 0
       AS skm_workers,
       workers_launched($q$SELECT compliance_entity('ombudsman-2023', score) FROM gen_units$q$) > 0
       AS entity_workers;

SELECT compliance_skm('skm-2017', answers) AS ikm,
       compliance_skm_result('skm-2017', answers)->>'category' AS category,
       compliance_skm_result('skm-2017', answers)->>'respondents' AS respondents
  FROM gen_skm;
SELECT g, compliance_entity('ombudsman-2023', score) AS score,
       ((7 * g) % 10 + 4995) / 100.0 AS known,
       compliance_entity('ombudsman-2023', score) = ((7 * g) % 10 + 4995) / 100.0 AS matches,
       round(avg(score), 2) AS sql_avg
  FROM gen_units GROUP BY g ORDER BY g;

EXPLAIN (COSTS OFF) CREATE TABLE parallel_results AS
SELECT 'skm' AS what, compliance_skm('skm-2017', answers)::text AS result FROM gen_skm
UNION ALL
SELECT 'skm mixed', compliance_skm_result('skm-2017', mixed)::text FROM gen_skm
UNION ALL
SELECT 'entity ' || g, compliance_entity_result('ombudsman-2023', score)::text
  FROM gen_units GROUP BY g;
CREATE TABLE parallel_results AS
SELECT 'skm' AS what, compliance_skm('skm-2017', answers)::text AS result FROM gen_skm
UNION ALL
SELECT 'skm mixed', compliance_skm_result('skm-2017', mixed)::text FROM gen_skm
UNION ALL
SELECT 'entity ' || g, compliance_entity_result('ombudsman-2023', score)::text
  FROM gen_units GROUP BY g;
SELECT count(*) AS results,
       count(*) FILTER (WHERE s.result = p.result) AS identical
  FROM serial_results s FULL JOIN parallel_results p USING (what);
SELECT what, result FROM parallel_results WHERE what IN ('skm', 'entity 3') ORDER BY what;
