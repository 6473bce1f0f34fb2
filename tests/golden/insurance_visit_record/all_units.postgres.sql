-- parameters: org
WITH "_tree" AS (
  SELECT
    "c"."descendant" AS "code",
    COALESCE("u"."ancestor", "c"."descendant") AS "unit",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  LEFT JOIN "fk_org__org_unit" AS "u"
    ON "u"."descendant" = "c"."descendant" AND "u"."ancestor_level" = 4
  WHERE
    "c"."ancestor" = $1
)
SELECT
  "u"."code" AS "_unit",
  "u"."level" AS "_level",
  COALESCE("agg_person"."a1", 0) AS "v1",
  COALESCE("agg_grid_worker"."a1", 0) AS "v2"
FROM "_tree" AS "u"
LEFT JOIN (
  SELECT
    SUM("_g"."a1") AS "a1",
    "_tree"."unit" AS "_unit"
  FROM (
    SELECT
      COUNT(CASE WHEN "t"."insured" = FALSE THEN 1 END) AS "a1",
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
      COUNT(CASE WHEN "t"."on_duty" = TRUE THEN 1 END) AS "a1",
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
