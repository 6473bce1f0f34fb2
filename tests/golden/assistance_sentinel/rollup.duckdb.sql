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
    "s"."recipients",
    "s"."recipients_dibao",
    "s"."recipients_tekun",
    "s"."recipients_dibian",
    "s"."amount_due",
    "s"."warnings_total",
    "s"."warnings_death",
    "s"."warnings_marriage",
    "s"."warnings_migration",
    "s"."stopped",
    "s"."changed",
    "s"."amount_stopped",
    "s"."amount_to_recover",
    "s"."warning_rate"
  FROM "fk_assistance_sentinel_v2" AS "s"
  JOIN "_leaves" AS "l"
    ON "s"."org" = "l"."leaf"
  WHERE
    "s"."period" IN ($period_1) AND "s"."state" IN ('submitted', 'approved')
), "_lv" AS (
  SELECT
    "_unit",
    "_leaf",
    1 AS "_n",
    "recipients",
    "recipients_dibao",
    "recipients_tekun",
    "recipients_dibian",
    "amount_due",
    "warnings_total",
    "warnings_death",
    "warnings_marriage",
    "warnings_migration",
    "stopped",
    "changed",
    "amount_stopped",
    "amount_to_recover",
    "warning_rate"
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
  "a"."recipients",
  "a"."recipients_dibao",
  "a"."recipients_tekun",
  "a"."recipients_dibian",
  "a"."amount_due",
  "a"."warnings_total",
  "a"."warnings_death",
  "a"."warnings_marriage",
  "a"."warnings_migration",
  "a"."stopped",
  "a"."changed",
  "a"."amount_stopped",
  "a"."amount_to_recover",
  "a"."warning_rate"
FROM (
  SELECT
    "_r1"."_unit",
    "_r1"."_submitted",
    "_r1"."recipients",
    "_r1"."recipients_dibao",
    "_r1"."recipients_tekun",
    "_r1"."recipients_dibian",
    "_r1"."amount_due",
    "_r1"."warnings_total",
    "_r1"."warnings_death",
    "_r1"."warnings_marriage",
    "_r1"."warnings_migration",
    "_r1"."stopped",
    "_r1"."changed",
    "_r1"."amount_stopped",
    "_r1"."amount_to_recover",
    CAST(ROUND(
      CAST(ROUND(
        CASE
          WHEN CAST("_r1"."recipients" AS INT128) = 0
          THEN NULL
          ELSE CAST(SIGN(CAST("_r1"."warnings_total" AS DECIMAL(38, 10))) * SIGN(CAST("_r1"."recipients" AS INT128)) * (
            (
              (
                CAST(TRUNC(ABS(CAST("_r1"."warnings_total" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                  ABS(CAST("_r1"."warnings_total" AS DECIMAL(38, 10))) % 1
                ) * 10000000000 AS INT128)
              ) // ABS(CAST("_r1"."recipients" AS INT128))
            ) + CASE
              WHEN (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."warnings_total" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."warnings_total" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."recipients" AS INT128))
              ) >= ABS(CAST("_r1"."recipients" AS INT128)) - (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."warnings_total" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."warnings_total" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."recipients" AS INT128))
              )
              THEN 1
              ELSE 0
            END
          ) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10))
        END * CAST(100 AS DECIMAL(38, 0)),
        2
      ) AS DECIMAL(38, 10)),
      2
    ) AS DECIMAL(38, 10)) AS "warning_rate"
  FROM (
    SELECT
      "u"."unit" AS "_unit",
      "a"."_submitted",
      "a"."recipients",
      "a"."recipients_dibao",
      "a"."recipients_tekun",
      "a"."recipients_dibian",
      "a"."amount_due",
      "a"."warnings_total",
      "a"."warnings_death",
      "a"."warnings_marriage",
      "a"."warnings_migration",
      "a"."stopped",
      "a"."changed",
      "a"."amount_stopped",
      "a"."amount_to_recover"
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
        END AS "recipients",
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
        END AS "recipients_dibao",
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
        END AS "recipients_tekun",
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
        END AS "recipients_dibian",
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
        END AS "amount_due",
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
        END AS "warnings_total",
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
        END AS "warnings_death",
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
        END AS "warnings_marriage",
        CASE
          WHEN "_g"."_p8_1" IS NULL
          THEN "_g"."_p8_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p8_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p8_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "warnings_migration",
        CASE
          WHEN "_g"."_p9_1" IS NULL
          THEN "_g"."_p9_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p9_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p9_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "stopped",
        CASE
          WHEN "_g"."_p10_1" IS NULL
          THEN "_g"."_p10_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p10_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p10_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "changed",
        CASE
          WHEN "_g"."_p11_1" IS NULL
          THEN "_g"."_p11_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p11_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p11_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "amount_stopped",
        CASE
          WHEN "_g"."_p12_1" IS NULL
          THEN "_g"."_p12_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p12_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p12_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "amount_to_recover"
      FROM (
        SELECT
          "_unit",
          COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
          SUM(
            CASE
              WHEN CAST("recipients" AS DECIMAL(38, 10)) > -100000000
              AND CAST("recipients" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("recipients" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p0_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("recipients" AS DECIMAL(38, 10)) > -100000000
                AND CAST("recipients" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("recipients" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("recipients" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p0_1",
          SUM(
            CASE
              WHEN CAST("recipients_dibao" AS DECIMAL(38, 10)) > -100000000
              AND CAST("recipients_dibao" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("recipients_dibao" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p1_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("recipients_dibao" AS DECIMAL(38, 10)) > -100000000
                AND CAST("recipients_dibao" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("recipients_dibao" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("recipients_dibao" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p1_1",
          SUM(
            CASE
              WHEN CAST("recipients_tekun" AS DECIMAL(38, 10)) > -100000000
              AND CAST("recipients_tekun" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("recipients_tekun" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p2_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("recipients_tekun" AS DECIMAL(38, 10)) > -100000000
                AND CAST("recipients_tekun" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("recipients_tekun" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("recipients_tekun" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p2_1",
          SUM(
            CASE
              WHEN CAST("recipients_dibian" AS DECIMAL(38, 10)) > -100000000
              AND CAST("recipients_dibian" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("recipients_dibian" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p3_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("recipients_dibian" AS DECIMAL(38, 10)) > -100000000
                AND CAST("recipients_dibian" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("recipients_dibian" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("recipients_dibian" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p3_1",
          SUM(
            CASE
              WHEN CAST("amount_due" AS DECIMAL(38, 10)) > -100000000
              AND CAST("amount_due" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("amount_due" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p4_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("amount_due" AS DECIMAL(38, 10)) > -100000000
                AND CAST("amount_due" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("amount_due" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("amount_due" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p4_1",
          SUM(
            CASE
              WHEN CAST("warnings_total" AS DECIMAL(38, 10)) > -100000000
              AND CAST("warnings_total" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("warnings_total" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p5_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("warnings_total" AS DECIMAL(38, 10)) > -100000000
                AND CAST("warnings_total" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("warnings_total" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("warnings_total" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p5_1",
          SUM(
            CASE
              WHEN CAST("warnings_death" AS DECIMAL(38, 10)) > -100000000
              AND CAST("warnings_death" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("warnings_death" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p6_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("warnings_death" AS DECIMAL(38, 10)) > -100000000
                AND CAST("warnings_death" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("warnings_death" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("warnings_death" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p6_1",
          SUM(
            CASE
              WHEN CAST("warnings_marriage" AS DECIMAL(38, 10)) > -100000000
              AND CAST("warnings_marriage" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("warnings_marriage" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p7_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("warnings_marriage" AS DECIMAL(38, 10)) > -100000000
                AND CAST("warnings_marriage" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("warnings_marriage" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("warnings_marriage" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p7_1",
          SUM(
            CASE
              WHEN CAST("warnings_migration" AS DECIMAL(38, 10)) > -100000000
              AND CAST("warnings_migration" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("warnings_migration" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p8_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("warnings_migration" AS DECIMAL(38, 10)) > -100000000
                AND CAST("warnings_migration" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("warnings_migration" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("warnings_migration" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p8_1",
          SUM(
            CASE
              WHEN CAST("stopped" AS DECIMAL(38, 10)) > -100000000
              AND CAST("stopped" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("stopped" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p9_0",
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
          ) AS "_p9_1",
          SUM(
            CASE
              WHEN CAST("changed" AS DECIMAL(38, 10)) > -100000000
              AND CAST("changed" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("changed" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p10_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("changed" AS DECIMAL(38, 10)) > -100000000
                AND CAST("changed" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("changed" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("changed" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p10_1",
          SUM(
            CASE
              WHEN CAST("amount_stopped" AS DECIMAL(38, 10)) > -100000000
              AND CAST("amount_stopped" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("amount_stopped" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p11_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("amount_stopped" AS DECIMAL(38, 10)) > -100000000
                AND CAST("amount_stopped" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("amount_stopped" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("amount_stopped" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p11_1",
          SUM(
            CASE
              WHEN CAST("amount_to_recover" AS DECIMAL(38, 10)) > -100000000
              AND CAST("amount_to_recover" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("amount_to_recover" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p12_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("amount_to_recover" AS DECIMAL(38, 10)) > -100000000
                AND CAST("amount_to_recover" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("amount_to_recover" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("amount_to_recover" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p12_1"
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
