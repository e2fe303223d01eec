-- libcompliance in SQL: exact classification, entity roll-up and SKM (IKM).
-- Scores are numeric in and out (read through their exact text, never
-- float). A profile is a built-in id ('ombudsman-2023', 'skm-2017', ...)
-- or a JSON profile document (text starting with '{', which may extend a
-- built-in: a profile kept in a table), loaded once per backend. The
-- aggregates keep the library's portable text form of a partial result as
-- their state (a plain text, not internal; under a document, the document
-- comes first), so they run in parallel plans and partial results can be
-- stored and merged (only with states of the same profile).
\echo Use "CREATE EXTENSION compliance" to load this file. \quit

CREATE FUNCTION compliance_version() RETURNS text
AS 'MODULE_PATHNAME', 'compliance_pg_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- ---- classification ---------------------------------------------------------

CREATE TYPE compliance_class AS (
    score numeric,   -- the score rounded as the profile says
    category text,   -- NULL for editions that published zones only
    zone text,
    label text
);

CREATE FUNCTION compliance_classify(profile text, score numeric)
RETURNS compliance_class
AS 'MODULE_PATHNAME', 'compliance_pg_classify'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION compliance_category(profile text, score numeric) RETURNS text
AS 'MODULE_PATHNAME', 'compliance_pg_category'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION compliance_zone(profile text, score numeric) RETURNS text
AS 'MODULE_PATHNAME', 'compliance_pg_zone'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION compliance_label(profile text, score numeric) RETURNS text
AS 'MODULE_PATHNAME', 'compliance_pg_label'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- ---- entity roll-up: unit scores -> entity score ------------------------------

CREATE FUNCTION compliance_entity_sfunc(state text, profile text, unit_score numeric)
RETURNS text
AS 'MODULE_PATHNAME', 'compliance_pg_entity_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION compliance_entity_combine(a text, b text) RETURNS text
AS 'MODULE_PATHNAME', 'compliance_pg_entity_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION compliance_entity_final(state text) RETURNS numeric
AS 'MODULE_PATHNAME', 'compliance_pg_entity_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION compliance_entity_final_json(state text) RETURNS jsonb
AS 'MODULE_PATHNAME', 'compliance_pg_entity_json'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- The entity score: the mean of the unit scores (each rounded first when
-- the profile rounds units), rounded as the profile says.
CREATE AGGREGATE compliance_entity(profile text, unit_score numeric) (
    SFUNC = compliance_entity_sfunc,
    STYPE = text,
    COMBINEFUNC = compliance_entity_combine,
    FINALFUNC = compliance_entity_final,
    PARALLEL = SAFE
);

-- The same roll-up as jsonb: units, score, mean (exact), category, zone, label.
CREATE AGGREGATE compliance_entity_result(profile text, unit_score numeric) (
    SFUNC = compliance_entity_sfunc,
    STYPE = text,
    COMBINEFUNC = compliance_entity_combine,
    FINALFUNC = compliance_entity_final_json,
    PARALLEL = SAFE
);

-- ---- SKM: answers -> IKM ----------------------------------------------------

CREATE FUNCTION compliance_skm_sfunc(state text, profile text, answers int[])
RETURNS text
AS 'MODULE_PATHNAME', 'compliance_pg_skm_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION compliance_skm_sfunc(state text, profile text, answers smallint[])
RETURNS text
AS 'MODULE_PATHNAME', 'compliance_pg_skm_sfunc'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION compliance_skm_combine(a text, b text) RETURNS text
AS 'MODULE_PATHNAME', 'compliance_pg_skm_combine'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- The IKM of a tally text (rounded as the method says).
CREATE FUNCTION compliance_skm_ikm(tally text) RETURNS numeric
AS 'MODULE_PATHNAME', 'compliance_pg_skm_ikm'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- The whole result of a tally text as jsonb (`compliance skm --format json`).
CREATE FUNCTION compliance_skm_result(tally text) RETURNS jsonb
AS 'MODULE_PATHNAME', 'compliance_pg_skm_json'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- The same under a missing-answer policy: 'available' (each element over
-- those who answered it) or 'listwise' (respondents with a blank dropped).
CREATE FUNCTION compliance_skm_ikm(tally text, missing text) RETURNS numeric
AS 'MODULE_PATHNAME', 'compliance_pg_skm_ikm'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION compliance_skm_result(tally text, missing text) RETURNS jsonb
AS 'MODULE_PATHNAME', 'compliance_pg_skm_json'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- The IKM of the respondents' answers (one array per respondent, in the
-- method's element order; NULL or 0 for no answer), available-case.
CREATE AGGREGATE compliance_skm(profile text, answers int[]) (
    SFUNC = compliance_skm_sfunc, STYPE = text,
    COMBINEFUNC = compliance_skm_combine, FINALFUNC = compliance_skm_ikm,
    PARALLEL = SAFE
);
CREATE AGGREGATE compliance_skm(profile text, answers smallint[]) (
    SFUNC = compliance_skm_sfunc, STYPE = text,
    COMBINEFUNC = compliance_skm_combine, FINALFUNC = compliance_skm_ikm,
    PARALLEL = SAFE
);

-- The whole result (IKM, exact IKM, band, NRRs, counts) as jsonb.
CREATE AGGREGATE compliance_skm_result(profile text, answers int[]) (
    SFUNC = compliance_skm_sfunc, STYPE = text,
    COMBINEFUNC = compliance_skm_combine, FINALFUNC = compliance_skm_result,
    PARALLEL = SAFE
);
CREATE AGGREGATE compliance_skm_result(profile text, answers smallint[]) (
    SFUNC = compliance_skm_sfunc, STYPE = text,
    COMBINEFUNC = compliance_skm_combine, FINALFUNC = compliance_skm_result,
    PARALLEL = SAFE
);

-- The tally itself (counts and sums, no answers): to store, send, and
-- merge later with compliance_skm_merge.
CREATE AGGREGATE compliance_skm_tally(profile text, answers int[]) (
    SFUNC = compliance_skm_sfunc, STYPE = text,
    COMBINEFUNC = compliance_skm_combine, PARALLEL = SAFE
);
CREATE AGGREGATE compliance_skm_tally(profile text, answers smallint[]) (
    SFUNC = compliance_skm_sfunc, STYPE = text,
    COMBINEFUNC = compliance_skm_combine, PARALLEL = SAFE
);

-- Merges tally texts (of one method) into one.
CREATE AGGREGATE compliance_skm_merge(tally text) (
    SFUNC = compliance_skm_combine, STYPE = text,
    COMBINEFUNC = compliance_skm_combine, PARALLEL = SAFE
);
