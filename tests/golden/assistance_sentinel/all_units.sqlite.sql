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
    "c"."ancestor" = :org
)
SELECT
  "u"."code" AS "_unit",
  "u"."level" AS "_level",
  COALESCE("agg_assistance_recipient"."a1", 0) AS "recipients",
  COALESCE("agg_assistance_recipient"."a2", 0) AS "recipients_dibao",
  COALESCE("agg_assistance_recipient"."a3", 0) AS "recipients_tekun",
  COALESCE("agg_assistance_recipient"."a4", 0) AS "recipients_dibian",
  "agg_assistance_recipient"."a5" AS "amount_due"
FROM "_tree" AS "u"
LEFT JOIN (
  SELECT
    COUNT(CASE WHEN "t"."status" COLLATE BINARY = 'active' THEN 1 END) AS "a1",
    COUNT(
      CASE
        WHEN (
          "t"."status" COLLATE BINARY = 'active'
        )
        AND (
          "t"."category" COLLATE BINARY = 'dibao'
        )
        THEN 1
      END
    ) AS "a2",
    COUNT(
      CASE
        WHEN (
          "t"."status" COLLATE BINARY = 'active'
        )
        AND (
          "t"."category" COLLATE BINARY = 'tekun'
        )
        THEN 1
      END
    ) AS "a3",
    COUNT(
      CASE
        WHEN (
          "t"."status" COLLATE BINARY = 'active'
        )
        AND (
          "t"."category" COLLATE BINARY = 'dibian'
        )
        THEN 1
      END
    ) AS "a4",
    FORMKIT_SUM(CASE WHEN "t"."status" COLLATE BINARY = 'active' THEN "t"."monthly_amount" END) AS "a5",
    "_tree"."unit" AS "_unit"
  FROM "assistance_recipient" AS "t"
  JOIN "_tree"
    ON "t"."community_code" = "_tree"."code"
  GROUP BY
    "_tree"."unit"
) AS "agg_assistance_recipient"
  ON "agg_assistance_recipient"."_unit" = "u"."code"
WHERE
  "u"."level" = 4 OR "u"."code" = :org
ORDER BY
  "u"."code" COLLATE BINARY
