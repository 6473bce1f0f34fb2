-- parameters: org
WITH RECURSIVE "_tree"("code", "unit", "level") AS (
  SELECT
    "o"."code",
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  WHERE
    "o"."code" = $org
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
  COALESCE("agg_assistance_recipient"."a1", CAST(0 AS DECIMAL(38, 10))) AS "recipients",
  COALESCE("agg_assistance_recipient"."a2", CAST(0 AS DECIMAL(38, 10))) AS "recipients_dibao",
  COALESCE("agg_assistance_recipient"."a3", CAST(0 AS DECIMAL(38, 10))) AS "recipients_tekun",
  COALESCE("agg_assistance_recipient"."a4", CAST(0 AS DECIMAL(38, 10))) AS "recipients_dibian",
  "agg_assistance_recipient"."a5" AS "amount_due"
FROM "_tree" AS "u"
LEFT JOIN (
  SELECT
    CAST(COUNT(CASE WHEN "t"."status" = 'active' THEN 1 END) AS DECIMAL(38, 10)) AS "a1",
    CAST(COUNT(
      CASE
        WHEN (
          "t"."status" = 'active'
        ) AND (
          "t"."category" = 'dibao'
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "a2",
    CAST(COUNT(
      CASE
        WHEN (
          "t"."status" = 'active'
        ) AND (
          "t"."category" = 'tekun'
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "a3",
    CAST(COUNT(
      CASE
        WHEN (
          "t"."status" = 'active'
        ) AND (
          "t"."category" = 'dibian'
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "a4",
    CASE
      WHEN SUM(
        CASE
          WHEN NOT (
            CAST(CASE
              WHEN "t"."status" = 'active'
              THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
            END AS DECIMAL(38, 10)) > -100000000
            AND CAST(CASE
              WHEN "t"."status" = 'active'
              THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
            END AS DECIMAL(38, 10)) < 100000000
          )
          THEN CAST((
            CAST(TRUNC(
              CAST(CASE
                WHEN "t"."status" = 'active'
                THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
              END AS DECIMAL(38, 10))
            ) AS INT128) * 10000000000
          ) + CAST((
            CAST(CASE
              WHEN "t"."status" = 'active'
              THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
            END AS DECIMAL(38, 10)) % 1
          ) * 10000000000 AS INT128) AS BIGNUM)
        END
      ) IS NULL
      THEN SUM(
        CASE
          WHEN CAST(CASE
            WHEN "t"."status" = 'active'
            THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10)) > -100000000
          AND CAST(CASE
            WHEN "t"."status" = 'active'
            THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10)) < 100000000
          THEN CAST(CAST(CASE
            WHEN "t"."status" = 'active'
            THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
        END
      )
      ELSE CAST(CAST(LEAST(
        GREATEST(
          COALESCE(
            CAST(CAST(SUM(
              CASE
                WHEN CAST(CASE
                  WHEN "t"."status" = 'active'
                  THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) > -100000000
                AND CAST(CASE
                  WHEN "t"."status" = 'active'
                  THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) < 100000000
                THEN CAST(CAST(CASE
                  WHEN "t"."status" = 'active'
                  THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
              END
            ) * 10000000000 AS INT128) AS BIGNUM),
            CAST(0 AS BIGNUM)
          ) + SUM(
            CASE
              WHEN NOT (
                CAST(CASE
                  WHEN "t"."status" = 'active'
                  THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) > -100000000
                AND CAST(CASE
                  WHEN "t"."status" = 'active'
                  THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(
                  CAST(CASE
                    WHEN "t"."status" = 'active'
                    THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
                  END AS DECIMAL(38, 10))
                ) AS INT128) * 10000000000
              ) + CAST((
                CAST(CASE
                  WHEN "t"."status" = 'active'
                  THEN CAST("t"."monthly_amount" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ),
          -CAST(100000000000000000000000000000000000000 AS BIGNUM)
        ),
        CAST(100000000000000000000000000000000000000 AS BIGNUM)
      ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
    END AS "a5",
    "_tree"."unit" AS "_unit"
  FROM "assistance_recipient" AS "t"
  JOIN "_tree"
    ON "t"."community_code" = "_tree"."code"
  GROUP BY
    "_tree"."unit"
) AS "agg_assistance_recipient"
  ON "agg_assistance_recipient"."_unit" = "u"."code"
WHERE
  "u"."level" = 4 OR "u"."code" = $org
ORDER BY
  "u"."code"
