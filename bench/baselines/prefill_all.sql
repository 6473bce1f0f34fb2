-- Hand-written baseline (bench/prefill.py): the send-down-to-all pre-fill of
-- examples/disabled_persons_ledger.yaml, every community of the city at once: the same 33 filtered
-- counts, one GROUP BY over the whole resident register (every person belongs to a community).
-- Runs unchanged on DuckDB, SQLite (>= 3.30) and PostgreSQL.
SELECT
  community_code AS unit,
  count(*) FILTER (WHERE disability_level IS NOT NULL) AS disabled_total,
  count(*) FILTER (WHERE disability_level IS NOT NULL AND disability_cert_status = 'valid') AS cert_valid,
  count(*) FILTER (WHERE disability_level IS NOT NULL AND disability_cert_status = 'expired') AS cert_expired,
  count(*) FILTER (WHERE disability_level IN (1, 2)) AS severe_total,
  count(*) FILTER (WHERE disability_level IS NOT NULL AND household_econ IN ('dibao', 'dibian', 'tekun')) AS poor_total,
  count(*) FILTER (WHERE disability_type = 'visual' AND disability_level = 1) AS "by_type.visual.grade_1",
  count(*) FILTER (WHERE disability_type = 'visual' AND disability_level = 2) AS "by_type.visual.grade_2",
  count(*) FILTER (WHERE disability_type = 'visual' AND disability_level = 3) AS "by_type.visual.grade_3",
  count(*) FILTER (WHERE disability_type = 'visual' AND disability_level = 4) AS "by_type.visual.grade_4",
  count(*) FILTER (WHERE disability_type = 'hearing' AND disability_level = 1) AS "by_type.hearing.grade_1",
  count(*) FILTER (WHERE disability_type = 'hearing' AND disability_level = 2) AS "by_type.hearing.grade_2",
  count(*) FILTER (WHERE disability_type = 'hearing' AND disability_level = 3) AS "by_type.hearing.grade_3",
  count(*) FILTER (WHERE disability_type = 'hearing' AND disability_level = 4) AS "by_type.hearing.grade_4",
  count(*) FILTER (WHERE disability_type = 'speech' AND disability_level = 1) AS "by_type.speech.grade_1",
  count(*) FILTER (WHERE disability_type = 'speech' AND disability_level = 2) AS "by_type.speech.grade_2",
  count(*) FILTER (WHERE disability_type = 'speech' AND disability_level = 3) AS "by_type.speech.grade_3",
  count(*) FILTER (WHERE disability_type = 'speech' AND disability_level = 4) AS "by_type.speech.grade_4",
  count(*) FILTER (WHERE disability_type = 'physical' AND disability_level = 1) AS "by_type.physical.grade_1",
  count(*) FILTER (WHERE disability_type = 'physical' AND disability_level = 2) AS "by_type.physical.grade_2",
  count(*) FILTER (WHERE disability_type = 'physical' AND disability_level = 3) AS "by_type.physical.grade_3",
  count(*) FILTER (WHERE disability_type = 'physical' AND disability_level = 4) AS "by_type.physical.grade_4",
  count(*) FILTER (WHERE disability_type = 'intellectual' AND disability_level = 1) AS "by_type.intellectual.grade_1",
  count(*) FILTER (WHERE disability_type = 'intellectual' AND disability_level = 2) AS "by_type.intellectual.grade_2",
  count(*) FILTER (WHERE disability_type = 'intellectual' AND disability_level = 3) AS "by_type.intellectual.grade_3",
  count(*) FILTER (WHERE disability_type = 'intellectual' AND disability_level = 4) AS "by_type.intellectual.grade_4",
  count(*) FILTER (WHERE disability_type = 'mental' AND disability_level = 1) AS "by_type.mental.grade_1",
  count(*) FILTER (WHERE disability_type = 'mental' AND disability_level = 2) AS "by_type.mental.grade_2",
  count(*) FILTER (WHERE disability_type = 'mental' AND disability_level = 3) AS "by_type.mental.grade_3",
  count(*) FILTER (WHERE disability_type = 'mental' AND disability_level = 4) AS "by_type.mental.grade_4",
  count(*) FILTER (WHERE disability_type = 'multiple' AND disability_level = 1) AS "by_type.multiple.grade_1",
  count(*) FILTER (WHERE disability_type = 'multiple' AND disability_level = 2) AS "by_type.multiple.grade_2",
  count(*) FILTER (WHERE disability_type = 'multiple' AND disability_level = 3) AS "by_type.multiple.grade_3",
  count(*) FILTER (WHERE disability_type = 'multiple' AND disability_level = 4) AS "by_type.multiple.grade_4"
FROM person
GROUP BY community_code
