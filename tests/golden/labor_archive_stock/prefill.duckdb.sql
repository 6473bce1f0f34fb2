-- parameters: org
WITH RECURSIVE "_scope"("code", "level") AS (
  SELECT
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  WHERE
    "o"."code" = $org AND "o"."level" = 3
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
      "code" = $org
  ) AS "_level"
