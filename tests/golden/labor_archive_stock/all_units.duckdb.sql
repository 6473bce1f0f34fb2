-- parameters: org
WITH "_tree" AS (
  SELECT
    "c"."descendant" AS "code",
    COALESCE("u"."ancestor", "c"."descendant") AS "unit",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  LEFT JOIN "fk_org__org_unit" AS "u"
    ON "u"."descendant" = "c"."descendant" AND "u"."ancestor_level" = 3
  WHERE
    "c"."ancestor" = $org
)
SELECT
  "u"."code" AS "_unit",
  "u"."level" AS "_level"
FROM "_tree" AS "u"
WHERE
  "u"."level" = 3 OR "u"."code" = $org
ORDER BY
  "u"."code"
