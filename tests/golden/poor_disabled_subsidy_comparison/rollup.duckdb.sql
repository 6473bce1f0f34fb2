-- parameters: org, period_1
WITH "_units" AS (
  SELECT
    "c"."descendant" AS "unit"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = $org AND "c"."depth" = 0
), "_leaves" AS (
  SELECT
    "l"."descendant" AS "leaf",
    $org AS "unit"
  FROM "fk_org__org_unit" AS "l"
  WHERE
    "l"."ancestor" = $org AND "l"."descendant_level" = 4
), "_subs" AS (
  SELECT
    "l"."unit" AS "_unit",
    "s"."org" AS "_leaf",
    CASE "s"."period" WHEN $period_1 THEN 1 END AS "_pos",
    "s"."submission_id",
    "s"."poor_persons",
    "s"."receiving",
    "s"."receiving_prev",
    "s"."added",
    "s"."stopped",
    "s"."amount",
    "s"."amount_prev",
    "s"."change",
    "s"."expired_paid"
  FROM (
    SELECT
      "_src"."submission_id",
      "_src"."org",
      "_src"."period",
      "_src"."state",
      "_src"."updated_at",
      1 AS "version",
      "_src"."revision" AS "_src_revision",
      1 AS "_src_periods",
      CAST(ROUND(CAST("_src"."poor_total" AS DECIMAL(38, 10)), 0) AS DECIMAL(38, 10)) AS "poor_persons",
      CAST(ROUND(COALESCE("_g_poor"."_a0", CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS "receiving",
      CAST(ROUND(CAST("_src"."living_count_prev" AS DECIMAL(38, 10)), 0) AS DECIMAL(38, 10)) AS "receiving_prev",
      CAST(ROUND(COALESCE("_g_poor"."_a1", CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS "added",
      CAST(ROUND(COALESCE("_g_poor"."_a2", CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS "stopped",
      CAST(ROUND("_g_poor"."_a3", 2) AS DECIMAL(38, 10)) AS "amount",
      CAST(ROUND(CAST("_src"."living_total_prev" AS DECIMAL(38, 10)), 2) AS DECIMAL(38, 10)) AS "amount_prev",
      CAST(ROUND(
        COALESCE(CAST(ROUND("_g_poor"."_a3", 2) AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(
          CAST(ROUND(CAST("_src"."living_total_prev" AS DECIMAL(38, 10)), 2) AS DECIMAL(38, 10)),
          CAST(0 AS DECIMAL(38, 10))
        ),
        2
      ) AS DECIMAL(38, 10)) AS "change",
      CAST(ROUND(COALESCE("_g_poor"."_a4", CAST(0 AS DECIMAL(38, 10))), 0) AS DECIMAL(38, 10)) AS "expired_paid"
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
        CAST(COUNT(
          CASE
            WHEN (
              CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
            )
            AND (
              COALESCE(CAST("c"."last_subsidy" AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) = CAST(0 AS DECIMAL(38, 10))
            )
            THEN 1
          END
        ) AS DECIMAL(38, 10)) AS "_a1",
        CAST(COUNT(
          CASE
            WHEN (
              CAST("c"."subsidy" AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
            )
            AND (
              CAST("c"."last_subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
            )
            THEN 1
          END
        ) AS DECIMAL(38, 10)) AS "_a2",
        CASE
          WHEN SUM(
            CASE
              WHEN NOT (
                CAST("c"."subsidy" AS DECIMAL(38, 10)) > -100000000
                AND CAST("c"."subsidy" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("c"."subsidy" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("c"."subsidy" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) IS NULL
          THEN SUM(
            CASE
              WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > -100000000
              AND CAST("c"."subsidy" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("c"."subsidy" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          )
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(
                CAST(CAST(SUM(
                  CASE
                    WHEN CAST("c"."subsidy" AS DECIMAL(38, 10)) > -100000000
                    AND CAST("c"."subsidy" AS DECIMAL(38, 10)) < 100000000
                    THEN CAST(CAST("c"."subsidy" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
                  END
                ) * 10000000000 AS INT128) AS BIGNUM),
                CAST(0 AS BIGNUM)
              ) + SUM(
                CASE
                  WHEN NOT (
                    CAST("c"."subsidy" AS DECIMAL(38, 10)) > -100000000
                    AND CAST("c"."subsidy" AS DECIMAL(38, 10)) < 100000000
                  )
                  THEN CAST((
                    CAST(TRUNC(CAST("c"."subsidy" AS DECIMAL(38, 10))) AS INT128) * 10000000000
                  ) + CAST((
                    CAST("c"."subsidy" AS DECIMAL(38, 10)) % 1
                  ) * 10000000000 AS INT128) AS BIGNUM)
                END
              ),
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "_a3",
        CAST(COUNT(
          CASE
            WHEN (
              "c"."cert" <> 'valid'
            )
            AND (
              CAST("c"."subsidy" AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
            )
            THEN 1
          END
        ) AS DECIMAL(38, 10)) AS "_a4"
      FROM "fk_disabled_persons_ledger_v1__poor" AS "c"
      GROUP BY
        "c"."submission_id"
    ) AS "_g_poor"
      ON "_g_poor"."_sid" = "_src"."submission_id"
    WHERE
      "_src"."period" IN ($period_1) AND "_src"."state" IN ('submitted', 'approved')
  ) AS "s"
  JOIN "_leaves" AS "l"
    ON "s"."org" = "l"."leaf"
  WHERE
    "s"."period" IN ($period_1) AND "s"."state" IN ('submitted', 'approved')
), "_lv" AS (
  SELECT
    "_unit",
    "_leaf",
    1 AS "_n",
    "poor_persons",
    "receiving",
    "receiving_prev",
    "added",
    "stopped",
    "amount",
    "amount_prev",
    "change",
    "expired_paid"
  FROM "_subs"
), "_cover" AS (
  SELECT
    "_unit",
    COUNT(*) AS "_expected",
    LISTAGG(CASE WHEN "_done" = 0 THEN "_leaf" END, '') AS "_missing"
  FROM (
    SELECT
      "_unit",
      "_leaf",
      MAX("_done") AS "_done"
    FROM (
      SELECT
        "unit" AS "_unit",
        "leaf" AS "_leaf",
        0 AS "_done"
      FROM "_leaves"
      UNION ALL
      SELECT
        "_unit",
        "_leaf",
        CASE WHEN "_n" = 1 THEN 1 ELSE 0 END AS "_done"
      FROM "_lv"
    ) AS "_e"
    GROUP BY
      "_unit",
      "_leaf"
  ) AS "_k"
  GROUP BY
    "_unit"
)
SELECT
  "a"."_unit" AS "_unit",
  COALESCE("c"."_expected", 0) AS "_expected",
  COALESCE("a"."_submitted", 0) AS "_submitted",
  "c"."_missing",
  "a"."poor_persons",
  "a"."receiving",
  "a"."receiving_prev",
  "a"."added",
  "a"."stopped",
  "a"."amount",
  "a"."amount_prev",
  "a"."change",
  "a"."expired_paid"
FROM (
  SELECT
    "_r1"."_unit",
    "_r1"."_submitted",
    "_r1"."poor_persons",
    "_r1"."receiving",
    "_r1"."receiving_prev",
    "_r1"."added",
    "_r1"."stopped",
    "_r1"."amount",
    "_r1"."amount_prev",
    "_r1"."expired_paid",
    CAST(ROUND(
      COALESCE(CAST("_r1"."amount" AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) - COALESCE(CAST("_r1"."amount_prev" AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
      2
    ) AS DECIMAL(38, 10)) AS "change"
  FROM (
    SELECT
      "u"."unit" AS "_unit",
      "a"."_submitted",
      "a"."poor_persons",
      "a"."receiving",
      "a"."receiving_prev",
      "a"."added",
      "a"."stopped",
      "a"."amount",
      "a"."amount_prev",
      "a"."expired_paid"
    FROM "_units" AS "u"
    LEFT JOIN (
      SELECT
        "_g"."_unit",
        "_g"."_submitted",
        CASE
          WHEN "_g"."_p0_1" IS NULL
          THEN "_g"."_p0_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p0_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p0_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "poor_persons",
        CASE
          WHEN "_g"."_p1_1" IS NULL
          THEN "_g"."_p1_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p1_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p1_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "receiving",
        CASE
          WHEN "_g"."_p2_1" IS NULL
          THEN "_g"."_p2_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p2_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p2_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "receiving_prev",
        CASE
          WHEN "_g"."_p3_1" IS NULL
          THEN "_g"."_p3_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p3_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p3_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "added",
        CASE
          WHEN "_g"."_p4_1" IS NULL
          THEN "_g"."_p4_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p4_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p4_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "stopped",
        CASE
          WHEN "_g"."_p5_1" IS NULL
          THEN "_g"."_p5_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p5_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p5_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "amount",
        CASE
          WHEN "_g"."_p6_1" IS NULL
          THEN "_g"."_p6_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p6_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p6_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "amount_prev",
        CASE
          WHEN "_g"."_p7_1" IS NULL
          THEN "_g"."_p7_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p7_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p7_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "expired_paid"
      FROM (
        SELECT
          "_unit",
          COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
          SUM(
            CASE
              WHEN CAST("poor_persons" AS DECIMAL(38, 10)) > -100000000
              AND CAST("poor_persons" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("poor_persons" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p0_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("poor_persons" AS DECIMAL(38, 10)) > -100000000
                AND CAST("poor_persons" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("poor_persons" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("poor_persons" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p0_1",
          SUM(
            CASE
              WHEN CAST("receiving" AS DECIMAL(38, 10)) > -100000000
              AND CAST("receiving" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("receiving" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p1_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("receiving" AS DECIMAL(38, 10)) > -100000000
                AND CAST("receiving" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("receiving" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("receiving" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p1_1",
          SUM(
            CASE
              WHEN CAST("receiving_prev" AS DECIMAL(38, 10)) > -100000000
              AND CAST("receiving_prev" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("receiving_prev" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p2_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("receiving_prev" AS DECIMAL(38, 10)) > -100000000
                AND CAST("receiving_prev" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("receiving_prev" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("receiving_prev" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p2_1",
          SUM(
            CASE
              WHEN CAST("added" AS DECIMAL(38, 10)) > -100000000
              AND CAST("added" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("added" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p3_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("added" AS DECIMAL(38, 10)) > -100000000
                AND CAST("added" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("added" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("added" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p3_1",
          SUM(
            CASE
              WHEN CAST("stopped" AS DECIMAL(38, 10)) > -100000000
              AND CAST("stopped" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("stopped" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p4_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("stopped" AS DECIMAL(38, 10)) > -100000000
                AND CAST("stopped" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("stopped" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("stopped" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p4_1",
          SUM(
            CASE
              WHEN CAST("amount" AS DECIMAL(38, 10)) > -100000000
              AND CAST("amount" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("amount" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p5_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("amount" AS DECIMAL(38, 10)) > -100000000
                AND CAST("amount" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("amount" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("amount" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p5_1",
          SUM(
            CASE
              WHEN CAST("amount_prev" AS DECIMAL(38, 10)) > -100000000
              AND CAST("amount_prev" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("amount_prev" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p6_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("amount_prev" AS DECIMAL(38, 10)) > -100000000
                AND CAST("amount_prev" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("amount_prev" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("amount_prev" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p6_1",
          SUM(
            CASE
              WHEN CAST("expired_paid" AS DECIMAL(38, 10)) > -100000000
              AND CAST("expired_paid" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("expired_paid" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p7_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("expired_paid" AS DECIMAL(38, 10)) > -100000000
                AND CAST("expired_paid" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("expired_paid" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("expired_paid" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p7_1"
        FROM "_lv"
        GROUP BY
          "_unit"
      ) AS "_g"
    ) AS "a"
      ON "a"."_unit" = "u"."unit"
  ) AS "_r1"
) AS "a"
LEFT JOIN "_cover" AS "c"
  ON "c"."_unit" = "a"."_unit"
ORDER BY
  "a"."_unit"
