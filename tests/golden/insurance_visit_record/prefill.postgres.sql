-- parameters: org
WITH RECURSIVE "_scope"("code", "level") AS (
  SELECT
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  WHERE
    "o"."code" = $1 AND "o"."level" = 4
  UNION ALL
  SELECT
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  JOIN "_scope"
    ON "o"."parent_code" = "_scope"."code" AND "o"."level" > "_scope"."level"
)
SELECT
  (
    SELECT
      "level"
    FROM "org_unit"
    WHERE
      "code" = $1
  ) AS "_level",
  "agg_person"."a1" AS "v1",
  "agg_grid_worker"."a1" AS "v2"
FROM (
  SELECT
    CAST(COUNT(CASE WHEN "t"."insured" = FALSE THEN 1 END) AS DECIMAL(38, 10)) AS "a1"
  FROM "person" AS "t"
  WHERE
    "t"."community_code" = ANY(
      ARRAY(SELECT
        "_scope"."code"
      FROM "_scope")
    )
) AS "agg_person"
CROSS JOIN (
  SELECT
    CAST(COUNT(CASE WHEN "t"."on_duty" = TRUE THEN 1 END) AS DECIMAL(38, 10)) AS "a1"
  FROM "grid_worker" AS "t"
  WHERE
    "t"."community_code" = ANY(
      ARRAY(SELECT
        "_scope"."code"
      FROM "_scope")
    )
) AS "agg_grid_worker"
