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
    "s"."disabled_total",
    "s"."cert_valid",
    "s"."cert_expired",
    "s"."severe_total",
    "s"."poor_total",
    "s"."nursing_count",
    "s"."nursing_count_prev",
    "s"."nursing_added",
    "s"."nursing_stopped",
    "s"."nursing_total",
    "s"."nursing_total_prev",
    "s"."nursing_total_change",
    "s"."living_count",
    "s"."living_count_prev",
    "s"."living_total",
    "s"."living_total_prev",
    "s"."living_total_change",
    "s"."subsidy_total",
    "s"."severe_coverage",
    "s"."by_type__visual__grade_1",
    "s"."by_type__visual__grade_2",
    "s"."by_type__visual__grade_3",
    "s"."by_type__visual__grade_4",
    "s"."by_type__visual__all",
    "s"."by_type__hearing__grade_1",
    "s"."by_type__hearing__grade_2",
    "s"."by_type__hearing__grade_3",
    "s"."by_type__hearing__grade_4",
    "s"."by_type__hearing__all",
    "s"."by_type__speech__grade_1",
    "s"."by_type__speech__grade_2",
    "s"."by_type__speech__grade_3",
    "s"."by_type__speech__grade_4",
    "s"."by_type__speech__all",
    "s"."by_type__physical__grade_1",
    "s"."by_type__physical__grade_2",
    "s"."by_type__physical__grade_3",
    "s"."by_type__physical__grade_4",
    "s"."by_type__physical__all",
    "s"."by_type__intellectual__grade_1",
    "s"."by_type__intellectual__grade_2",
    "s"."by_type__intellectual__grade_3",
    "s"."by_type__intellectual__grade_4",
    "s"."by_type__intellectual__all",
    "s"."by_type__mental__grade_1",
    "s"."by_type__mental__grade_2",
    "s"."by_type__mental__grade_3",
    "s"."by_type__mental__grade_4",
    "s"."by_type__mental__all",
    "s"."by_type__multiple__grade_1",
    "s"."by_type__multiple__grade_2",
    "s"."by_type__multiple__grade_3",
    "s"."by_type__multiple__grade_4",
    "s"."by_type__multiple__all",
    "s"."by_type__total__grade_1",
    "s"."by_type__total__grade_2",
    "s"."by_type__total__grade_3",
    "s"."by_type__total__grade_4",
    "s"."by_type__total__all"
  FROM "fk_disabled_persons_ledger_v1" AS "s"
  JOIN "_leaves" AS "l"
    ON "s"."org" = "l"."leaf"
  WHERE
    "s"."period" IN ($period_1) AND "s"."state" IN ('submitted', 'approved')
), "_lv" AS (
  SELECT
    "_unit",
    "_leaf",
    1 AS "_n",
    "disabled_total",
    "cert_valid",
    "cert_expired",
    "severe_total",
    "poor_total",
    "nursing_count",
    "nursing_count_prev",
    "nursing_added",
    "nursing_stopped",
    "nursing_total",
    "nursing_total_prev",
    "nursing_total_change",
    "living_count",
    "living_count_prev",
    "living_total",
    "living_total_prev",
    "living_total_change",
    "subsidy_total",
    "severe_coverage",
    "by_type__visual__grade_1",
    "by_type__visual__grade_2",
    "by_type__visual__grade_3",
    "by_type__visual__grade_4",
    "by_type__visual__all",
    "by_type__hearing__grade_1",
    "by_type__hearing__grade_2",
    "by_type__hearing__grade_3",
    "by_type__hearing__grade_4",
    "by_type__hearing__all",
    "by_type__speech__grade_1",
    "by_type__speech__grade_2",
    "by_type__speech__grade_3",
    "by_type__speech__grade_4",
    "by_type__speech__all",
    "by_type__physical__grade_1",
    "by_type__physical__grade_2",
    "by_type__physical__grade_3",
    "by_type__physical__grade_4",
    "by_type__physical__all",
    "by_type__intellectual__grade_1",
    "by_type__intellectual__grade_2",
    "by_type__intellectual__grade_3",
    "by_type__intellectual__grade_4",
    "by_type__intellectual__all",
    "by_type__mental__grade_1",
    "by_type__mental__grade_2",
    "by_type__mental__grade_3",
    "by_type__mental__grade_4",
    "by_type__mental__all",
    "by_type__multiple__grade_1",
    "by_type__multiple__grade_2",
    "by_type__multiple__grade_3",
    "by_type__multiple__grade_4",
    "by_type__multiple__all",
    "by_type__total__grade_1",
    "by_type__total__grade_2",
    "by_type__total__grade_3",
    "by_type__total__grade_4",
    "by_type__total__all"
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
  "a"."disabled_total",
  "a"."cert_valid",
  "a"."cert_expired",
  "a"."severe_total",
  "a"."poor_total",
  "a"."nursing_count",
  "a"."nursing_count_prev",
  "a"."nursing_added",
  "a"."nursing_stopped",
  "a"."nursing_total",
  "a"."nursing_total_prev",
  "a"."nursing_total_change",
  "a"."living_count",
  "a"."living_count_prev",
  "a"."living_total",
  "a"."living_total_prev",
  "a"."living_total_change",
  "a"."subsidy_total",
  "a"."severe_coverage",
  "a"."by_type__visual__grade_1",
  "a"."by_type__visual__grade_2",
  "a"."by_type__visual__grade_3",
  "a"."by_type__visual__grade_4",
  "a"."by_type__visual__all",
  "a"."by_type__hearing__grade_1",
  "a"."by_type__hearing__grade_2",
  "a"."by_type__hearing__grade_3",
  "a"."by_type__hearing__grade_4",
  "a"."by_type__hearing__all",
  "a"."by_type__speech__grade_1",
  "a"."by_type__speech__grade_2",
  "a"."by_type__speech__grade_3",
  "a"."by_type__speech__grade_4",
  "a"."by_type__speech__all",
  "a"."by_type__physical__grade_1",
  "a"."by_type__physical__grade_2",
  "a"."by_type__physical__grade_3",
  "a"."by_type__physical__grade_4",
  "a"."by_type__physical__all",
  "a"."by_type__intellectual__grade_1",
  "a"."by_type__intellectual__grade_2",
  "a"."by_type__intellectual__grade_3",
  "a"."by_type__intellectual__grade_4",
  "a"."by_type__intellectual__all",
  "a"."by_type__mental__grade_1",
  "a"."by_type__mental__grade_2",
  "a"."by_type__mental__grade_3",
  "a"."by_type__mental__grade_4",
  "a"."by_type__mental__all",
  "a"."by_type__multiple__grade_1",
  "a"."by_type__multiple__grade_2",
  "a"."by_type__multiple__grade_3",
  "a"."by_type__multiple__grade_4",
  "a"."by_type__multiple__all",
  "a"."by_type__total__grade_1",
  "a"."by_type__total__grade_2",
  "a"."by_type__total__grade_3",
  "a"."by_type__total__grade_4",
  "a"."by_type__total__all"
FROM (
  SELECT
    "_r1"."_unit",
    "_r1"."_submitted",
    "_r1"."disabled_total",
    "_r1"."cert_valid",
    "_r1"."cert_expired",
    "_r1"."severe_total",
    "_r1"."poor_total",
    "_r1"."nursing_count",
    "_r1"."nursing_count_prev",
    "_r1"."nursing_added",
    "_r1"."nursing_stopped",
    "_r1"."nursing_total",
    "_r1"."nursing_total_prev",
    "_r1"."nursing_total_change",
    "_r1"."living_count",
    "_r1"."living_count_prev",
    "_r1"."living_total",
    "_r1"."living_total_prev",
    "_r1"."living_total_change",
    "_r1"."by_type__visual__grade_1",
    "_r1"."by_type__visual__grade_2",
    "_r1"."by_type__visual__grade_3",
    "_r1"."by_type__visual__grade_4",
    "_r1"."by_type__visual__all",
    "_r1"."by_type__hearing__grade_1",
    "_r1"."by_type__hearing__grade_2",
    "_r1"."by_type__hearing__grade_3",
    "_r1"."by_type__hearing__grade_4",
    "_r1"."by_type__hearing__all",
    "_r1"."by_type__speech__grade_1",
    "_r1"."by_type__speech__grade_2",
    "_r1"."by_type__speech__grade_3",
    "_r1"."by_type__speech__grade_4",
    "_r1"."by_type__speech__all",
    "_r1"."by_type__physical__grade_1",
    "_r1"."by_type__physical__grade_2",
    "_r1"."by_type__physical__grade_3",
    "_r1"."by_type__physical__grade_4",
    "_r1"."by_type__physical__all",
    "_r1"."by_type__intellectual__grade_1",
    "_r1"."by_type__intellectual__grade_2",
    "_r1"."by_type__intellectual__grade_3",
    "_r1"."by_type__intellectual__grade_4",
    "_r1"."by_type__intellectual__all",
    "_r1"."by_type__mental__grade_1",
    "_r1"."by_type__mental__grade_2",
    "_r1"."by_type__mental__grade_3",
    "_r1"."by_type__mental__grade_4",
    "_r1"."by_type__mental__all",
    "_r1"."by_type__multiple__grade_1",
    "_r1"."by_type__multiple__grade_2",
    "_r1"."by_type__multiple__grade_3",
    "_r1"."by_type__multiple__grade_4",
    "_r1"."by_type__multiple__all",
    "_r1"."by_type__total__grade_1",
    "_r1"."by_type__total__grade_2",
    "_r1"."by_type__total__grade_3",
    "_r1"."by_type__total__grade_4",
    "_r1"."by_type__total__all",
    CAST(ROUND(
      COALESCE(CAST("_r1"."nursing_total" AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))) + COALESCE(CAST("_r1"."living_total" AS DECIMAL(38, 10)), CAST(0 AS DECIMAL(38, 10))),
      2
    ) AS DECIMAL(38, 10)) AS "subsidy_total",
    CAST(ROUND(
      CAST(ROUND(
        CASE
          WHEN CAST("_r1"."severe_total" AS INT128) = 0
          THEN NULL
          ELSE CAST(SIGN(CAST("_r1"."nursing_count" AS DECIMAL(38, 10))) * SIGN(CAST("_r1"."severe_total" AS INT128)) * (
            (
              (
                CAST(TRUNC(ABS(CAST("_r1"."nursing_count" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                  ABS(CAST("_r1"."nursing_count" AS DECIMAL(38, 10))) % 1
                ) * 10000000000 AS INT128)
              ) // ABS(CAST("_r1"."severe_total" AS INT128))
            ) + CASE
              WHEN (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."nursing_count" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."nursing_count" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."severe_total" AS INT128))
              ) >= ABS(CAST("_r1"."severe_total" AS INT128)) - (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."nursing_count" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."nursing_count" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."severe_total" AS INT128))
              )
              THEN 1
              ELSE 0
            END
          ) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10))
        END * CAST(100 AS DECIMAL(38, 0)),
        1
      ) AS DECIMAL(38, 10)),
      1
    ) AS DECIMAL(38, 10)) AS "severe_coverage"
  FROM (
    SELECT
      "u"."unit" AS "_unit",
      "a"."_submitted",
      "a"."disabled_total",
      "a"."cert_valid",
      "a"."cert_expired",
      "a"."severe_total",
      "a"."poor_total",
      "a"."nursing_count",
      "a"."nursing_count_prev",
      "a"."nursing_added",
      "a"."nursing_stopped",
      "a"."nursing_total",
      "a"."nursing_total_prev",
      "a"."nursing_total_change",
      "a"."living_count",
      "a"."living_count_prev",
      "a"."living_total",
      "a"."living_total_prev",
      "a"."living_total_change",
      "a"."by_type__visual__grade_1",
      "a"."by_type__visual__grade_2",
      "a"."by_type__visual__grade_3",
      "a"."by_type__visual__grade_4",
      "a"."by_type__visual__all",
      "a"."by_type__hearing__grade_1",
      "a"."by_type__hearing__grade_2",
      "a"."by_type__hearing__grade_3",
      "a"."by_type__hearing__grade_4",
      "a"."by_type__hearing__all",
      "a"."by_type__speech__grade_1",
      "a"."by_type__speech__grade_2",
      "a"."by_type__speech__grade_3",
      "a"."by_type__speech__grade_4",
      "a"."by_type__speech__all",
      "a"."by_type__physical__grade_1",
      "a"."by_type__physical__grade_2",
      "a"."by_type__physical__grade_3",
      "a"."by_type__physical__grade_4",
      "a"."by_type__physical__all",
      "a"."by_type__intellectual__grade_1",
      "a"."by_type__intellectual__grade_2",
      "a"."by_type__intellectual__grade_3",
      "a"."by_type__intellectual__grade_4",
      "a"."by_type__intellectual__all",
      "a"."by_type__mental__grade_1",
      "a"."by_type__mental__grade_2",
      "a"."by_type__mental__grade_3",
      "a"."by_type__mental__grade_4",
      "a"."by_type__mental__all",
      "a"."by_type__multiple__grade_1",
      "a"."by_type__multiple__grade_2",
      "a"."by_type__multiple__grade_3",
      "a"."by_type__multiple__grade_4",
      "a"."by_type__multiple__all",
      "a"."by_type__total__grade_1",
      "a"."by_type__total__grade_2",
      "a"."by_type__total__grade_3",
      "a"."by_type__total__grade_4",
      "a"."by_type__total__all"
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
        END AS "disabled_total",
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
        END AS "cert_valid",
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
        END AS "cert_expired",
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
        END AS "severe_total",
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
        END AS "poor_total",
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
        END AS "nursing_count",
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
        END AS "nursing_count_prev",
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
        END AS "nursing_added",
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
        END AS "nursing_stopped",
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
        END AS "nursing_total",
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
        END AS "nursing_total_prev",
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
        END AS "nursing_total_change",
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
        END AS "living_count",
        CASE
          WHEN "_g"."_p13_1" IS NULL
          THEN "_g"."_p13_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p13_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p13_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "living_count_prev",
        CASE
          WHEN "_g"."_p14_1" IS NULL
          THEN "_g"."_p14_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p14_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p14_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "living_total",
        CASE
          WHEN "_g"."_p15_1" IS NULL
          THEN "_g"."_p15_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p15_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p15_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "living_total_prev",
        CASE
          WHEN "_g"."_p16_1" IS NULL
          THEN "_g"."_p16_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p16_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p16_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "living_total_change",
        CASE
          WHEN "_g"."_p17_1" IS NULL
          THEN "_g"."_p17_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p17_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p17_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__visual__grade_1",
        CASE
          WHEN "_g"."_p18_1" IS NULL
          THEN "_g"."_p18_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p18_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p18_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__visual__grade_2",
        CASE
          WHEN "_g"."_p19_1" IS NULL
          THEN "_g"."_p19_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p19_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p19_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__visual__grade_3",
        CASE
          WHEN "_g"."_p20_1" IS NULL
          THEN "_g"."_p20_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p20_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p20_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__visual__grade_4",
        CASE
          WHEN "_g"."_p21_1" IS NULL
          THEN "_g"."_p21_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p21_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p21_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__visual__all",
        CASE
          WHEN "_g"."_p22_1" IS NULL
          THEN "_g"."_p22_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p22_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p22_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__hearing__grade_1",
        CASE
          WHEN "_g"."_p23_1" IS NULL
          THEN "_g"."_p23_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p23_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p23_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__hearing__grade_2",
        CASE
          WHEN "_g"."_p24_1" IS NULL
          THEN "_g"."_p24_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p24_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p24_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__hearing__grade_3",
        CASE
          WHEN "_g"."_p25_1" IS NULL
          THEN "_g"."_p25_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p25_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p25_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__hearing__grade_4",
        CASE
          WHEN "_g"."_p26_1" IS NULL
          THEN "_g"."_p26_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p26_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p26_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__hearing__all",
        CASE
          WHEN "_g"."_p27_1" IS NULL
          THEN "_g"."_p27_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p27_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p27_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__speech__grade_1",
        CASE
          WHEN "_g"."_p28_1" IS NULL
          THEN "_g"."_p28_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p28_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p28_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__speech__grade_2",
        CASE
          WHEN "_g"."_p29_1" IS NULL
          THEN "_g"."_p29_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p29_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p29_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__speech__grade_3",
        CASE
          WHEN "_g"."_p30_1" IS NULL
          THEN "_g"."_p30_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p30_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p30_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__speech__grade_4",
        CASE
          WHEN "_g"."_p31_1" IS NULL
          THEN "_g"."_p31_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p31_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p31_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__speech__all",
        CASE
          WHEN "_g"."_p32_1" IS NULL
          THEN "_g"."_p32_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p32_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p32_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__physical__grade_1",
        CASE
          WHEN "_g"."_p33_1" IS NULL
          THEN "_g"."_p33_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p33_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p33_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__physical__grade_2",
        CASE
          WHEN "_g"."_p34_1" IS NULL
          THEN "_g"."_p34_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p34_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p34_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__physical__grade_3",
        CASE
          WHEN "_g"."_p35_1" IS NULL
          THEN "_g"."_p35_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p35_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p35_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__physical__grade_4",
        CASE
          WHEN "_g"."_p36_1" IS NULL
          THEN "_g"."_p36_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p36_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p36_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__physical__all",
        CASE
          WHEN "_g"."_p37_1" IS NULL
          THEN "_g"."_p37_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p37_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p37_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__intellectual__grade_1",
        CASE
          WHEN "_g"."_p38_1" IS NULL
          THEN "_g"."_p38_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p38_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p38_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__intellectual__grade_2",
        CASE
          WHEN "_g"."_p39_1" IS NULL
          THEN "_g"."_p39_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p39_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p39_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__intellectual__grade_3",
        CASE
          WHEN "_g"."_p40_1" IS NULL
          THEN "_g"."_p40_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p40_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p40_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__intellectual__grade_4",
        CASE
          WHEN "_g"."_p41_1" IS NULL
          THEN "_g"."_p41_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p41_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p41_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__intellectual__all",
        CASE
          WHEN "_g"."_p42_1" IS NULL
          THEN "_g"."_p42_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p42_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p42_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__mental__grade_1",
        CASE
          WHEN "_g"."_p43_1" IS NULL
          THEN "_g"."_p43_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p43_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p43_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__mental__grade_2",
        CASE
          WHEN "_g"."_p44_1" IS NULL
          THEN "_g"."_p44_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p44_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p44_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__mental__grade_3",
        CASE
          WHEN "_g"."_p45_1" IS NULL
          THEN "_g"."_p45_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p45_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p45_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__mental__grade_4",
        CASE
          WHEN "_g"."_p46_1" IS NULL
          THEN "_g"."_p46_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p46_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p46_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__mental__all",
        CASE
          WHEN "_g"."_p47_1" IS NULL
          THEN "_g"."_p47_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p47_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p47_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__multiple__grade_1",
        CASE
          WHEN "_g"."_p48_1" IS NULL
          THEN "_g"."_p48_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p48_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p48_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__multiple__grade_2",
        CASE
          WHEN "_g"."_p49_1" IS NULL
          THEN "_g"."_p49_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p49_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p49_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__multiple__grade_3",
        CASE
          WHEN "_g"."_p50_1" IS NULL
          THEN "_g"."_p50_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p50_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p50_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__multiple__grade_4",
        CASE
          WHEN "_g"."_p51_1" IS NULL
          THEN "_g"."_p51_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p51_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p51_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__multiple__all",
        CASE
          WHEN "_g"."_p52_1" IS NULL
          THEN "_g"."_p52_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p52_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p52_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__total__grade_1",
        CASE
          WHEN "_g"."_p53_1" IS NULL
          THEN "_g"."_p53_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p53_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p53_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__total__grade_2",
        CASE
          WHEN "_g"."_p54_1" IS NULL
          THEN "_g"."_p54_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p54_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p54_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__total__grade_3",
        CASE
          WHEN "_g"."_p55_1" IS NULL
          THEN "_g"."_p55_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p55_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p55_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__total__grade_4",
        CASE
          WHEN "_g"."_p56_1" IS NULL
          THEN "_g"."_p56_0"
          ELSE CAST(CAST(LEAST(
            GREATEST(
              COALESCE(CAST(CAST("_g"."_p56_0" * 10000000000 AS INT128) AS BIGNUM), CAST(0 AS BIGNUM)) + "_g"."_p56_1",
              -CAST(100000000000000000000000000000000000000 AS BIGNUM)
            ),
            CAST(100000000000000000000000000000000000000 AS BIGNUM)
          ) AS INT128) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(38, 10))
        END AS "by_type__total__all"
      FROM (
        SELECT
          "_unit",
          COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
          SUM(
            CASE
              WHEN CAST("disabled_total" AS DECIMAL(38, 10)) > -100000000
              AND CAST("disabled_total" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("disabled_total" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p0_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("disabled_total" AS DECIMAL(38, 10)) > -100000000
                AND CAST("disabled_total" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("disabled_total" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("disabled_total" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p0_1",
          SUM(
            CASE
              WHEN CAST("cert_valid" AS DECIMAL(38, 10)) > -100000000
              AND CAST("cert_valid" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("cert_valid" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p1_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("cert_valid" AS DECIMAL(38, 10)) > -100000000
                AND CAST("cert_valid" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("cert_valid" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("cert_valid" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p1_1",
          SUM(
            CASE
              WHEN CAST("cert_expired" AS DECIMAL(38, 10)) > -100000000
              AND CAST("cert_expired" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("cert_expired" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p2_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("cert_expired" AS DECIMAL(38, 10)) > -100000000
                AND CAST("cert_expired" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("cert_expired" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("cert_expired" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p2_1",
          SUM(
            CASE
              WHEN CAST("severe_total" AS DECIMAL(38, 10)) > -100000000
              AND CAST("severe_total" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("severe_total" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p3_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("severe_total" AS DECIMAL(38, 10)) > -100000000
                AND CAST("severe_total" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("severe_total" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("severe_total" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p3_1",
          SUM(
            CASE
              WHEN CAST("poor_total" AS DECIMAL(38, 10)) > -100000000
              AND CAST("poor_total" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("poor_total" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p4_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("poor_total" AS DECIMAL(38, 10)) > -100000000
                AND CAST("poor_total" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("poor_total" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("poor_total" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p4_1",
          SUM(
            CASE
              WHEN CAST("nursing_count" AS DECIMAL(38, 10)) > -100000000
              AND CAST("nursing_count" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("nursing_count" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p5_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("nursing_count" AS DECIMAL(38, 10)) > -100000000
                AND CAST("nursing_count" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("nursing_count" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("nursing_count" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p5_1",
          SUM(
            CASE
              WHEN CAST("nursing_count_prev" AS DECIMAL(38, 10)) > -100000000
              AND CAST("nursing_count_prev" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("nursing_count_prev" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p6_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("nursing_count_prev" AS DECIMAL(38, 10)) > -100000000
                AND CAST("nursing_count_prev" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("nursing_count_prev" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("nursing_count_prev" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p6_1",
          SUM(
            CASE
              WHEN CAST("nursing_added" AS DECIMAL(38, 10)) > -100000000
              AND CAST("nursing_added" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("nursing_added" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p7_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("nursing_added" AS DECIMAL(38, 10)) > -100000000
                AND CAST("nursing_added" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("nursing_added" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("nursing_added" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p7_1",
          SUM(
            CASE
              WHEN CAST("nursing_stopped" AS DECIMAL(38, 10)) > -100000000
              AND CAST("nursing_stopped" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("nursing_stopped" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p8_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("nursing_stopped" AS DECIMAL(38, 10)) > -100000000
                AND CAST("nursing_stopped" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("nursing_stopped" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("nursing_stopped" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p8_1",
          SUM(
            CASE
              WHEN CAST("nursing_total" AS DECIMAL(38, 10)) > -100000000
              AND CAST("nursing_total" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("nursing_total" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p9_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("nursing_total" AS DECIMAL(38, 10)) > -100000000
                AND CAST("nursing_total" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("nursing_total" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("nursing_total" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p9_1",
          SUM(
            CASE
              WHEN CAST("nursing_total_prev" AS DECIMAL(38, 10)) > -100000000
              AND CAST("nursing_total_prev" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("nursing_total_prev" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p10_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("nursing_total_prev" AS DECIMAL(38, 10)) > -100000000
                AND CAST("nursing_total_prev" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("nursing_total_prev" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("nursing_total_prev" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p10_1",
          SUM(
            CASE
              WHEN CAST("nursing_total_change" AS DECIMAL(38, 10)) > -100000000
              AND CAST("nursing_total_change" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("nursing_total_change" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p11_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("nursing_total_change" AS DECIMAL(38, 10)) > -100000000
                AND CAST("nursing_total_change" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("nursing_total_change" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("nursing_total_change" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p11_1",
          SUM(
            CASE
              WHEN CAST("living_count" AS DECIMAL(38, 10)) > -100000000
              AND CAST("living_count" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("living_count" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p12_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("living_count" AS DECIMAL(38, 10)) > -100000000
                AND CAST("living_count" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("living_count" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("living_count" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p12_1",
          SUM(
            CASE
              WHEN CAST("living_count_prev" AS DECIMAL(38, 10)) > -100000000
              AND CAST("living_count_prev" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("living_count_prev" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p13_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("living_count_prev" AS DECIMAL(38, 10)) > -100000000
                AND CAST("living_count_prev" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("living_count_prev" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("living_count_prev" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p13_1",
          SUM(
            CASE
              WHEN CAST("living_total" AS DECIMAL(38, 10)) > -100000000
              AND CAST("living_total" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("living_total" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p14_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("living_total" AS DECIMAL(38, 10)) > -100000000
                AND CAST("living_total" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("living_total" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("living_total" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p14_1",
          SUM(
            CASE
              WHEN CAST("living_total_prev" AS DECIMAL(38, 10)) > -100000000
              AND CAST("living_total_prev" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("living_total_prev" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p15_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("living_total_prev" AS DECIMAL(38, 10)) > -100000000
                AND CAST("living_total_prev" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("living_total_prev" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("living_total_prev" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p15_1",
          SUM(
            CASE
              WHEN CAST("living_total_change" AS DECIMAL(38, 10)) > -100000000
              AND CAST("living_total_change" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("living_total_change" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p16_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("living_total_change" AS DECIMAL(38, 10)) > -100000000
                AND CAST("living_total_change" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("living_total_change" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("living_total_change" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p16_1",
          SUM(
            CASE
              WHEN CAST("by_type__visual__grade_1" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__visual__grade_1" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__visual__grade_1" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p17_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__visual__grade_1" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__visual__grade_1" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__visual__grade_1" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__visual__grade_1" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p17_1",
          SUM(
            CASE
              WHEN CAST("by_type__visual__grade_2" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__visual__grade_2" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__visual__grade_2" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p18_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__visual__grade_2" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__visual__grade_2" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__visual__grade_2" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__visual__grade_2" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p18_1",
          SUM(
            CASE
              WHEN CAST("by_type__visual__grade_3" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__visual__grade_3" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__visual__grade_3" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p19_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__visual__grade_3" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__visual__grade_3" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__visual__grade_3" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__visual__grade_3" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p19_1",
          SUM(
            CASE
              WHEN CAST("by_type__visual__grade_4" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__visual__grade_4" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__visual__grade_4" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p20_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__visual__grade_4" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__visual__grade_4" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__visual__grade_4" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__visual__grade_4" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p20_1",
          SUM(
            CASE
              WHEN CAST("by_type__visual__all" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__visual__all" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__visual__all" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p21_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__visual__all" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__visual__all" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__visual__all" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__visual__all" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p21_1",
          SUM(
            CASE
              WHEN CAST("by_type__hearing__grade_1" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__hearing__grade_1" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__hearing__grade_1" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p22_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__hearing__grade_1" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__hearing__grade_1" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__hearing__grade_1" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__hearing__grade_1" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p22_1",
          SUM(
            CASE
              WHEN CAST("by_type__hearing__grade_2" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__hearing__grade_2" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__hearing__grade_2" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p23_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__hearing__grade_2" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__hearing__grade_2" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__hearing__grade_2" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__hearing__grade_2" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p23_1",
          SUM(
            CASE
              WHEN CAST("by_type__hearing__grade_3" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__hearing__grade_3" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__hearing__grade_3" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p24_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__hearing__grade_3" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__hearing__grade_3" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__hearing__grade_3" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__hearing__grade_3" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p24_1",
          SUM(
            CASE
              WHEN CAST("by_type__hearing__grade_4" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__hearing__grade_4" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__hearing__grade_4" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p25_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__hearing__grade_4" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__hearing__grade_4" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__hearing__grade_4" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__hearing__grade_4" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p25_1",
          SUM(
            CASE
              WHEN CAST("by_type__hearing__all" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__hearing__all" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__hearing__all" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p26_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__hearing__all" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__hearing__all" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__hearing__all" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__hearing__all" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p26_1",
          SUM(
            CASE
              WHEN CAST("by_type__speech__grade_1" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__speech__grade_1" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__speech__grade_1" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p27_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__speech__grade_1" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__speech__grade_1" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__speech__grade_1" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__speech__grade_1" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p27_1",
          SUM(
            CASE
              WHEN CAST("by_type__speech__grade_2" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__speech__grade_2" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__speech__grade_2" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p28_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__speech__grade_2" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__speech__grade_2" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__speech__grade_2" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__speech__grade_2" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p28_1",
          SUM(
            CASE
              WHEN CAST("by_type__speech__grade_3" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__speech__grade_3" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__speech__grade_3" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p29_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__speech__grade_3" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__speech__grade_3" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__speech__grade_3" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__speech__grade_3" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p29_1",
          SUM(
            CASE
              WHEN CAST("by_type__speech__grade_4" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__speech__grade_4" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__speech__grade_4" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p30_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__speech__grade_4" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__speech__grade_4" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__speech__grade_4" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__speech__grade_4" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p30_1",
          SUM(
            CASE
              WHEN CAST("by_type__speech__all" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__speech__all" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__speech__all" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p31_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__speech__all" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__speech__all" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__speech__all" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__speech__all" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p31_1",
          SUM(
            CASE
              WHEN CAST("by_type__physical__grade_1" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__physical__grade_1" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__physical__grade_1" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p32_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__physical__grade_1" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__physical__grade_1" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__physical__grade_1" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__physical__grade_1" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p32_1",
          SUM(
            CASE
              WHEN CAST("by_type__physical__grade_2" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__physical__grade_2" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__physical__grade_2" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p33_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__physical__grade_2" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__physical__grade_2" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__physical__grade_2" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__physical__grade_2" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p33_1",
          SUM(
            CASE
              WHEN CAST("by_type__physical__grade_3" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__physical__grade_3" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__physical__grade_3" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p34_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__physical__grade_3" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__physical__grade_3" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__physical__grade_3" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__physical__grade_3" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p34_1",
          SUM(
            CASE
              WHEN CAST("by_type__physical__grade_4" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__physical__grade_4" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__physical__grade_4" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p35_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__physical__grade_4" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__physical__grade_4" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__physical__grade_4" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__physical__grade_4" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p35_1",
          SUM(
            CASE
              WHEN CAST("by_type__physical__all" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__physical__all" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__physical__all" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p36_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__physical__all" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__physical__all" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__physical__all" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__physical__all" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p36_1",
          SUM(
            CASE
              WHEN CAST("by_type__intellectual__grade_1" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__intellectual__grade_1" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__intellectual__grade_1" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p37_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__intellectual__grade_1" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__intellectual__grade_1" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__intellectual__grade_1" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__intellectual__grade_1" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p37_1",
          SUM(
            CASE
              WHEN CAST("by_type__intellectual__grade_2" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__intellectual__grade_2" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__intellectual__grade_2" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p38_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__intellectual__grade_2" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__intellectual__grade_2" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__intellectual__grade_2" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__intellectual__grade_2" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p38_1",
          SUM(
            CASE
              WHEN CAST("by_type__intellectual__grade_3" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__intellectual__grade_3" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__intellectual__grade_3" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p39_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__intellectual__grade_3" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__intellectual__grade_3" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__intellectual__grade_3" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__intellectual__grade_3" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p39_1",
          SUM(
            CASE
              WHEN CAST("by_type__intellectual__grade_4" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__intellectual__grade_4" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__intellectual__grade_4" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p40_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__intellectual__grade_4" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__intellectual__grade_4" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__intellectual__grade_4" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__intellectual__grade_4" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p40_1",
          SUM(
            CASE
              WHEN CAST("by_type__intellectual__all" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__intellectual__all" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__intellectual__all" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p41_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__intellectual__all" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__intellectual__all" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__intellectual__all" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__intellectual__all" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p41_1",
          SUM(
            CASE
              WHEN CAST("by_type__mental__grade_1" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__mental__grade_1" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__mental__grade_1" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p42_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__mental__grade_1" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__mental__grade_1" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__mental__grade_1" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__mental__grade_1" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p42_1",
          SUM(
            CASE
              WHEN CAST("by_type__mental__grade_2" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__mental__grade_2" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__mental__grade_2" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p43_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__mental__grade_2" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__mental__grade_2" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__mental__grade_2" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__mental__grade_2" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p43_1",
          SUM(
            CASE
              WHEN CAST("by_type__mental__grade_3" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__mental__grade_3" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__mental__grade_3" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p44_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__mental__grade_3" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__mental__grade_3" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__mental__grade_3" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__mental__grade_3" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p44_1",
          SUM(
            CASE
              WHEN CAST("by_type__mental__grade_4" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__mental__grade_4" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__mental__grade_4" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p45_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__mental__grade_4" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__mental__grade_4" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__mental__grade_4" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__mental__grade_4" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p45_1",
          SUM(
            CASE
              WHEN CAST("by_type__mental__all" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__mental__all" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__mental__all" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p46_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__mental__all" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__mental__all" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__mental__all" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__mental__all" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p46_1",
          SUM(
            CASE
              WHEN CAST("by_type__multiple__grade_1" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__multiple__grade_1" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__multiple__grade_1" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p47_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__multiple__grade_1" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__multiple__grade_1" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__multiple__grade_1" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__multiple__grade_1" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p47_1",
          SUM(
            CASE
              WHEN CAST("by_type__multiple__grade_2" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__multiple__grade_2" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__multiple__grade_2" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p48_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__multiple__grade_2" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__multiple__grade_2" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__multiple__grade_2" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__multiple__grade_2" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p48_1",
          SUM(
            CASE
              WHEN CAST("by_type__multiple__grade_3" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__multiple__grade_3" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__multiple__grade_3" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p49_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__multiple__grade_3" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__multiple__grade_3" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__multiple__grade_3" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__multiple__grade_3" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p49_1",
          SUM(
            CASE
              WHEN CAST("by_type__multiple__grade_4" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__multiple__grade_4" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__multiple__grade_4" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p50_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__multiple__grade_4" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__multiple__grade_4" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__multiple__grade_4" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__multiple__grade_4" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p50_1",
          SUM(
            CASE
              WHEN CAST("by_type__multiple__all" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__multiple__all" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__multiple__all" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p51_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__multiple__all" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__multiple__all" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__multiple__all" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__multiple__all" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p51_1",
          SUM(
            CASE
              WHEN CAST("by_type__total__grade_1" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__total__grade_1" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__total__grade_1" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p52_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__total__grade_1" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__total__grade_1" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__total__grade_1" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__total__grade_1" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p52_1",
          SUM(
            CASE
              WHEN CAST("by_type__total__grade_2" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__total__grade_2" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__total__grade_2" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p53_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__total__grade_2" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__total__grade_2" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__total__grade_2" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__total__grade_2" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p53_1",
          SUM(
            CASE
              WHEN CAST("by_type__total__grade_3" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__total__grade_3" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__total__grade_3" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p54_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__total__grade_3" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__total__grade_3" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__total__grade_3" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__total__grade_3" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p54_1",
          SUM(
            CASE
              WHEN CAST("by_type__total__grade_4" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__total__grade_4" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__total__grade_4" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p55_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__total__grade_4" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__total__grade_4" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__total__grade_4" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__total__grade_4" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p55_1",
          SUM(
            CASE
              WHEN CAST("by_type__total__all" AS DECIMAL(38, 10)) > -100000000
              AND CAST("by_type__total__all" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("by_type__total__all" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p56_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("by_type__total__all" AS DECIMAL(38, 10)) > -100000000
                AND CAST("by_type__total__all" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("by_type__total__all" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("by_type__total__all" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p56_1"
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
