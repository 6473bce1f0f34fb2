-- parameters: org
WITH "_scope" AS (
  SELECT
    "c"."descendant" AS "code",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = :org AND "c"."ancestor_level" = 4
)
SELECT
  (
    SELECT
      "r"."ancestor_level"
    FROM "fk_org__org_unit" AS "r"
    WHERE
      "r"."ancestor" = :org AND "r"."depth" = 0
  ) AS "_level",
  "agg_assistance_recipient"."a1" AS "recipients",
  "agg_assistance_recipient"."a2" AS "recipients_dibao",
  "agg_assistance_recipient"."a3" AS "recipients_tekun",
  "agg_assistance_recipient"."a4" AS "recipients_dibian",
  "agg_assistance_recipient"."a5" AS "amount_due"
FROM (
  SELECT
    COUNT(CASE WHEN "t"."status" = 'active' THEN 1 END) AS "a1",
    COUNT(
      CASE
        WHEN (
          "t"."status" = 'active'
        ) AND (
          "t"."category" = 'dibao'
        )
        THEN 1
      END
    ) AS "a2",
    COUNT(
      CASE
        WHEN (
          "t"."status" = 'active'
        ) AND (
          "t"."category" = 'tekun'
        )
        THEN 1
      END
    ) AS "a3",
    COUNT(
      CASE
        WHEN (
          "t"."status" = 'active'
        ) AND (
          "t"."category" = 'dibian'
        )
        THEN 1
      END
    ) AS "a4",
    CAST(SUM(
      CAST(CASE
        WHEN "t"."status" = 'active'
        THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
      END AS DECIMAL(38, 10))
    ) AS DECIMAL(38, 10)) AS "a5"
  FROM "assistance_recipient" AS "t"
  JOIN "_scope"
    ON "t"."community_code" = "_scope"."code"
) AS "agg_assistance_recipient"
