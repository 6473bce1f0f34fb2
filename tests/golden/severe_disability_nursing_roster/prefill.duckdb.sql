-- parameters: period, org
SELECT
  "_src"."submission_id",
  "_src"."org",
  "_src"."period",
  "_src"."state",
  "_src"."updated_at",
  1 AS "version",
  "_src"."revision" AS "_src_revision",
  1 AS "_src_periods",
  CAST(ROUND(COALESCE("_g_severe"."_a0", CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS "persons",
  CAST(ROUND("_g_severe"."_a1", 2) AS DECIMAL(38, 10)) AS "amount",
  CAST(ROUND(COALESCE("_g_severe"."_a2", CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS "grade_1",
  CAST(ROUND(COALESCE("_g_severe"."_a3", CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS "severe_unpaid"
FROM "fk_disabled_persons_ledger_v1" AS "_src"
LEFT JOIN (
  SELECT
    "c"."submission_id" AS "_sid",
    CAST(COUNT(
      CASE
        WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "_a0",
    CASE
      WHEN SUM(
        CASE
          WHEN NOT (
            CAST(CASE
              WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
              THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
            END AS DECIMAL(38, 10)) > -100000000
            AND CAST(CASE
              WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
              THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
            END AS DECIMAL(38, 10)) < 100000000
          )
          THEN CAST((
            CAST(TRUNC(
              CAST(CASE
                WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
                THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
              END AS DECIMAL(38, 10))
            ) AS INT128) * 10000000000
          ) + CAST((
            CAST(CASE
              WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
              THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
            END AS DECIMAL(38, 10)) % 1
          ) * 10000000000 AS INT128) AS BIGNUM)
        END
      ) IS NULL
      THEN SUM(
        CASE
          WHEN CAST(CASE
            WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
            THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10)) > -100000000
          AND CAST(CASE
            WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
            THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10)) < 100000000
          THEN CAST(CAST(CASE
            WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
            THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
          END AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
        END
      )
      ELSE CAST(CAST(LEAST(
        GREATEST(
          COALESCE(
            CAST(CAST(SUM(
              CASE
                WHEN CAST(CASE
                  WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
                  THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) > -100000000
                AND CAST(CASE
                  WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
                  THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) < 100000000
                THEN CAST(CAST(CASE
                  WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
                  THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
              END
            ) * 10000000000 AS INT128) AS BIGNUM),
            CAST(0 AS BIGNUM)
          ) + SUM(
            CASE
              WHEN NOT (
                CAST(CASE
                  WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
                  THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) > -100000000
                AND CAST(CASE
                  WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
                  THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(
                  CAST(CASE
                    WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
                    THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
                  END AS DECIMAL(38, 10))
                ) AS INT128) * 10000000000
              ) + CAST((
                CAST(CASE
                  WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
                  THEN CAST("c"."subsidy" AS DECIMAL(38, 10))
                END AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ),
          -CAST(100000000000000000000000000000000000000 AS BIGNUM)
        ),
        CAST(100000000000000000000000000000000000000 AS BIGNUM)
      ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
    END AS "_a1",
    CAST(COUNT(
      CASE
        WHEN (
          CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        )
        AND (
          CAST("c"."level" AS DECIMAL(38, 10)) = CAST(1 AS DECIMAL(38, 10))
        )
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "_a2",
    CAST(COUNT(
      CASE
        WHEN COALESCE(CAST("c"."subsidy" AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) = CAST(0 AS DECIMAL(38, 10))
        THEN 1
      END
    ) AS DECIMAL(38, 10)) AS "_a3"
  FROM "fk_disabled_persons_ledger_v1__severe" AS "c"
  GROUP BY
    "c"."submission_id"
) AS "_g_severe"
  ON "_g_severe"."_sid" = "_src"."submission_id"
WHERE
  (
    "_src"."period" IN (CAST($period AS TEXT))
    AND "_src"."state" IN ('submitted', 'approved')
  )
  AND "_src"."org" = $org
