-- parameters: org
WITH RECURSIVE "_tree"("code", "unit", "level") AS (
  SELECT
    "o"."code",
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  WHERE
    "o"."code" = $1
  UNION ALL
  SELECT
    "o"."code",
    CASE WHEN "o"."level" <= 4 THEN "o"."code" ELSE "_tree"."unit" END,
    "o"."level"
  FROM "org_unit" AS "o"
  JOIN "_tree"
    ON "o"."parent_code" = "_tree"."code" AND "o"."level" > "_tree"."level"
)
SELECT
  "u"."code" AS "_unit",
  "u"."level" AS "_level",
  COALESCE("agg_person"."a1", CAST(0 AS DECIMAL(38, 10))) AS "v1",
  COALESCE("agg_grid_worker"."a1", CAST(0 AS DECIMAL(38, 10))) AS "v2"
FROM "_tree" AS "u"
LEFT JOIN (
  SELECT
    SUM("_g"."a1") AS "a1",
    "_tree"."unit" AS "_unit"
  FROM (
    SELECT
      CAST(COUNT(CASE WHEN "t"."insured" = FALSE THEN 1 END) AS DECIMAL(38, 10)) AS "a1",
      "t"."community_code" AS "_org"
    FROM "person" AS "t"
    WHERE
      "t"."community_code" = ANY(
        ARRAY(SELECT
          "_tree"."code"
        FROM "_tree")
      )
    GROUP BY
      "t"."community_code"
  ) AS "_g"
  JOIN "_tree"
    ON "_g"."_org" = "_tree"."code"
  GROUP BY
    "_tree"."unit"
) AS "agg_person"
  ON "agg_person"."_unit" = "u"."code"
LEFT JOIN (
  SELECT
    SUM("_g"."a1") AS "a1",
    "_tree"."unit" AS "_unit"
  FROM (
    SELECT
      CAST(COUNT(CASE WHEN "t"."on_duty" = TRUE THEN 1 END) AS DECIMAL(38, 10)) AS "a1",
      "t"."community_code" AS "_org"
    FROM "grid_worker" AS "t"
    WHERE
      "t"."community_code" = ANY(
        ARRAY(SELECT
          "_tree"."code"
        FROM "_tree")
      )
    GROUP BY
      "t"."community_code"
  ) AS "_g"
  JOIN "_tree"
    ON "_g"."_org" = "_tree"."code"
  GROUP BY
    "_tree"."unit"
) AS "agg_grid_worker"
  ON "agg_grid_worker"."_unit" = "u"."code"
WHERE
  "u"."level" = 4 OR "u"."code" = $1
ORDER BY
  "u"."code" COLLATE "C"
