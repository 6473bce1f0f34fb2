-- parameters: org
WITH "_scope" AS (
  SELECT
    "c"."descendant" AS "code",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = :org AND "c"."ancestor_level" = 3
)
SELECT
  (
    SELECT
      "r"."ancestor_level"
    FROM "fk_org__org_unit" AS "r"
    WHERE
      "r"."ancestor" = :org AND "r"."depth" = 0
  ) AS "_level"
