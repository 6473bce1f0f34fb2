-- parameters: org
WITH "_scope" AS (
  SELECT
    "c"."descendant" AS "code",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = $org AND "c"."ancestor_level" = 4
)
SELECT
  (
    SELECT
      "r"."ancestor_level"
    FROM "fk_org__org_unit" AS "r"
    WHERE
      "r"."ancestor" = $org AND "r"."depth" = 0
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
    END AS "a5"
  FROM "assistance_recipient" AS "t"
  JOIN "_scope"
    ON "t"."community_code" = "_scope"."code"
) AS "agg_assistance_recipient"
