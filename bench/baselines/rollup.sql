-- Hand-written baseline (bench/rollup.py): the roll-up of bench/templates/services.yaml for one month,
-- every unit at org level :level (3 street, 2 district, 1 city) under :org, as a person who knows
-- the hierarchy (communities at level 4, three levels above them) would write it: the same values
-- as formkit's roll-up — sums, the average of the leaf submissions, the maximum, the three rates
-- recomputed from the rolled-up sums, and the coverage (expected, submitted, missing).
-- Runs unchanged on DuckDB and PostgreSQL.
WITH units AS (
  SELECT c.code AS community, s.code AS street, s.parent_code AS district, d.parent_code AS city
  FROM org_unit c
  JOIN org_unit s ON s.code = c.parent_code
  JOIN org_unit d ON d.code = s.parent_code
  WHERE c.level = 4
),
scoped AS (
  SELECT CASE :level WHEN 3 THEN street WHEN 2 THEN district ELSE city END AS unit, community
  FROM units
  WHERE :org IN (community, street, district, city)
),
subs AS (
  SELECT * FROM fk_bench_services_v1 WHERE period = :period AND state IN ('submitted', 'approved')
)
SELECT
  u.unit,
  count(*) AS expected,
  count(s.org) AS submitted,
  string_agg(CASE WHEN s.org IS NULL THEN u.community END, ',' ORDER BY u.community) AS missing,
  sum(s.visits) AS visits,
  sum(s.served) AS served,
  sum(s.households) AS households,
  sum(s.members) AS members,
  sum(s.spend) AS spend,
  sum(s.volunteers) AS volunteers,
  sum(s.complaints) AS complaints,
  avg(s.score) AS score,
  max(s.peak_day) AS peak_day,
  round(sum(s.served) / nullif(sum(s.visits), 0) * 100, 2) AS rate,
  round(sum(s.members) / nullif(sum(s.households), 0), 2) AS per_household,
  round(sum(s.spend) / nullif(sum(s.visits), 0), 2) AS cost_per_visit
FROM scoped u
LEFT JOIN subs s ON s.org = u.community
GROUP BY u.unit
ORDER BY u.unit
