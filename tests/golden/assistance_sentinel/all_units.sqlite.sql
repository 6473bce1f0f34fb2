-- parameters: org
WITH RECURSIVE "_tree"("code", "unit", "level") AS (
  SELECT
    "o"."code",
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  WHERE
    "o"."code" = :org
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
  COALESCE("agg_assistance_recipient"."a1", '0') AS "recipients",
  COALESCE("agg_assistance_recipient"."a2", '0') AS "recipients_dibao",
  COALESCE("agg_assistance_recipient"."a3", '0') AS "recipients_tekun",
  COALESCE("agg_assistance_recipient"."a4", '0') AS "recipients_dibian",
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
