-- parameters: org, period_1
WITH "_units" AS (
  SELECT
    "c"."descendant" AS "unit"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = $org AND "c"."descendant_level" = 2
), "_leaves" AS (
  SELECT
    "l"."descendant" AS "leaf",
    "u"."ancestor" AS "unit"
  FROM "fk_org__org_unit" AS "l"
  INNER JOIN "fk_org__org_unit" AS "u"
    ON "u"."descendant" = "l"."descendant" AND "u"."ancestor_level" = 2
  WHERE
    "l"."ancestor" = $org AND "l"."descendant_level" = 3
), "_subs" AS (
  SELECT
    "l"."unit" AS "_unit",
    "s"."org" AS "_leaf",
    CASE "s"."period" WHEN $period_1 THEN 1 END AS "_pos",
    "s"."submission_id",
    "s"."ent_total",
    "s"."ent_class1",
    "s"."ent_class2",
    "s"."ent_class3",
    "s"."ent_suspended",
    "s"."ent_key",
    "s"."license_expiring",
    "s"."not_inspected",
    "s"."insp_class1",
    "s"."insp_class2",
    "s"."insp_class3",
    "s"."insp_total",
    "s"."flight_checks",
    "s"."insp_enterprises",
    "s"."insp_key",
    "s"."inspectors",
    "s"."problem_enterprises",
    "s"."problem_items",
    "s"."rectify_ordered",
    "s"."rectified",
    "s"."suspension_ordered",
    "s"."cases",
    "s"."transferred",
    "s"."fines",
    "s"."coverage_rate",
    "s"."key_coverage_rate",
    "s"."problem_rate",
    "s"."rectify_rate",
    "s"."remark"
  FROM "fk_medical_device_inspection_v1" AS "s"
  JOIN "_leaves" AS "l"
    ON "s"."org" = "l"."leaf"
  WHERE
    "s"."period" IN ($period_1) AND "s"."state" IN ('submitted', 'approved')
), "_lv" AS (
  SELECT
    "_unit",
    "_leaf",
    1 AS "_n",
    "ent_total",
    "ent_class1",
    "ent_class2",
    "ent_class3",
    "ent_suspended",
    "ent_key",
    "license_expiring",
    "not_inspected",
    "insp_class1",
    "insp_class2",
    "insp_class3",
    "insp_total",
    "flight_checks",
    "insp_enterprises",
    "insp_key",
    "inspectors",
    "problem_enterprises",
    "problem_items",
    "rectify_ordered",
    "rectified",
    "suspension_ordered",
    "cases",
    "transferred",
    "fines",
    "coverage_rate",
    "key_coverage_rate",
    "problem_rate",
    "rectify_rate",
    "remark"
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
  "a"."ent_total",
  "a"."ent_class1",
  "a"."ent_class2",
  "a"."ent_class3",
  "a"."ent_suspended",
  "a"."ent_key",
  "a"."license_expiring",
  "a"."not_inspected",
  "a"."insp_class1",
  "a"."insp_class2",
  "a"."insp_class3",
  "a"."insp_total",
  "a"."flight_checks",
  "a"."insp_enterprises",
  "a"."insp_key",
  "a"."inspectors",
  "a"."problem_enterprises",
  "a"."problem_items",
  "a"."rectify_ordered",
  "a"."rectified",
  "a"."suspension_ordered",
  "a"."cases",
  "a"."transferred",
  "a"."fines",
  "a"."coverage_rate",
  "a"."key_coverage_rate",
  "a"."problem_rate",
  "a"."rectify_rate",
  "a"."remark"
FROM (
  SELECT
    "_r1"."_unit",
    "_r1"."_submitted",
    "_r1"."ent_total",
    "_r1"."ent_class1",
    "_r1"."ent_class2",
    "_r1"."ent_class3",
    "_r1"."ent_suspended",
    "_r1"."ent_key",
    "_r1"."license_expiring",
    "_r1"."not_inspected",
    "_r1"."insp_class1",
    "_r1"."insp_class2",
    "_r1"."insp_class3",
    "_r1"."flight_checks",
    "_r1"."insp_enterprises",
    "_r1"."insp_key",
    "_r1"."inspectors",
    "_r1"."problem_enterprises",
    "_r1"."problem_items",
    "_r1"."rectify_ordered",
    "_r1"."rectified",
    "_r1"."suspension_ordered",
    "_r1"."cases",
    "_r1"."transferred",
    "_r1"."fines",
    "_r1"."remark",
    CAST(ROUND(
      CASE
        WHEN NOT HASH(
          CAST("_r1"."insp_class1" AS DECIMAL(38, 10)) + CAST("_r1"."insp_class2" AS DECIMAL(38, 10))
        ) IS NULL
        THEN (
          CAST("_r1"."insp_class1" AS DECIMAL(38, 10)) + CAST("_r1"."insp_class2" AS DECIMAL(38, 10))
        ) + CAST("_r1"."insp_class3" AS DECIMAL(38, 10))
      END,
      0
    ) AS DECIMAL(38, 10)) AS "insp_total",
    CAST(ROUND(
      CAST(ROUND(
        CASE
          WHEN CAST("_r1"."ent_total" AS INT128) = 0
          THEN NULL
          ELSE CAST(SIGN(CAST("_r1"."insp_enterprises" AS DECIMAL(38, 10))) * SIGN(CAST("_r1"."ent_total" AS INT128)) * (
            (
              (
                CAST(TRUNC(ABS(CAST("_r1"."insp_enterprises" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                  ABS(CAST("_r1"."insp_enterprises" AS DECIMAL(38, 10))) % 1
                ) * 10000000000 AS INT128)
              ) // ABS(CAST("_r1"."ent_total" AS INT128))
            ) + CASE
              WHEN (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."insp_enterprises" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."insp_enterprises" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."ent_total" AS INT128))
              ) >= ABS(CAST("_r1"."ent_total" AS INT128)) - (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."insp_enterprises" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."insp_enterprises" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."ent_total" AS INT128))
              )
              THEN 1
              ELSE 0
            END
          ) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10))
        END * CAST(100 AS DECIMAL(38, 0)),
        2
      ) AS DECIMAL(38, 10)),
      2
    ) AS DECIMAL(38, 10)) AS "coverage_rate",
    CAST(ROUND(
      CAST(ROUND(
        CASE
          WHEN CAST("_r1"."ent_key" AS INT128) = 0
          THEN NULL
          ELSE CAST(SIGN(CAST("_r1"."insp_key" AS DECIMAL(38, 10))) * SIGN(CAST("_r1"."ent_key" AS INT128)) * (
            (
              (
                CAST(TRUNC(ABS(CAST("_r1"."insp_key" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                  ABS(CAST("_r1"."insp_key" AS DECIMAL(38, 10))) % 1
                ) * 10000000000 AS INT128)
              ) // ABS(CAST("_r1"."ent_key" AS INT128))
            ) + CASE
              WHEN (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."insp_key" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."insp_key" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."ent_key" AS INT128))
              ) >= ABS(CAST("_r1"."ent_key" AS INT128)) - (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."insp_key" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."insp_key" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."ent_key" AS INT128))
              )
              THEN 1
              ELSE 0
            END
          ) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10))
        END * CAST(100 AS DECIMAL(38, 0)),
        2
      ) AS DECIMAL(38, 10)),
      2
    ) AS DECIMAL(38, 10)) AS "key_coverage_rate",
    CAST(ROUND(
      CAST(ROUND(
        CASE
          WHEN CAST("_r1"."insp_enterprises" AS INT128) = 0
          THEN NULL
          ELSE CAST(SIGN(CAST("_r1"."problem_enterprises" AS DECIMAL(38, 10))) * SIGN(CAST("_r1"."insp_enterprises" AS INT128)) * (
            (
              (
                CAST(TRUNC(ABS(CAST("_r1"."problem_enterprises" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                  ABS(CAST("_r1"."problem_enterprises" AS DECIMAL(38, 10))) % 1
                ) * 10000000000 AS INT128)
              ) // ABS(CAST("_r1"."insp_enterprises" AS INT128))
            ) + CASE
              WHEN (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."problem_enterprises" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."problem_enterprises" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."insp_enterprises" AS INT128))
              ) >= ABS(CAST("_r1"."insp_enterprises" AS INT128)) - (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."problem_enterprises" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."problem_enterprises" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."insp_enterprises" AS INT128))
              )
              THEN 1
              ELSE 0
            END
          ) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10))
        END * CAST(100 AS DECIMAL(38, 0)),
        2
      ) AS DECIMAL(38, 10)),
      2
    ) AS DECIMAL(38, 10)) AS "problem_rate",
    CAST(ROUND(
      CAST(ROUND(
        CASE
          WHEN CAST("_r1"."rectify_ordered" AS INT128) = 0
          THEN NULL
          ELSE CAST(SIGN(CAST("_r1"."rectified" AS DECIMAL(38, 10))) * SIGN(CAST("_r1"."rectify_ordered" AS INT128)) * (
            (
              (
                CAST(TRUNC(ABS(CAST("_r1"."rectified" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                  ABS(CAST("_r1"."rectified" AS DECIMAL(38, 10))) % 1
                ) * 10000000000 AS INT128)
              ) // ABS(CAST("_r1"."rectify_ordered" AS INT128))
            ) + CASE
              WHEN (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."rectified" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."rectified" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."rectify_ordered" AS INT128))
              ) >= ABS(CAST("_r1"."rectify_ordered" AS INT128)) - (
                (
                  CAST(TRUNC(ABS(CAST("_r1"."rectified" AS DECIMAL(38, 10)))) AS INT128) * 10000000000 + CAST((
                    ABS(CAST("_r1"."rectified" AS DECIMAL(38, 10))) % 1
                  ) * 10000000000 AS INT128)
                ) % ABS(CAST("_r1"."rectify_ordered" AS INT128))
              )
              THEN 1
              ELSE 0
            END
          ) AS DECIMAL(38, 0)) * CAST(0.0000000001 AS DECIMAL(10, 10))
        END * CAST(100 AS DECIMAL(38, 0)),
        2
      ) AS DECIMAL(38, 10)),
      2
    ) AS DECIMAL(38, 10)) AS "rectify_rate"
  FROM (
    SELECT
      "u"."unit" AS "_unit",
      "a"."_submitted",
      "a"."ent_total",
      "a"."ent_class1",
      "a"."ent_class2",
      "a"."ent_class3",
      "a"."ent_suspended",
      "a"."ent_key",
      "a"."license_expiring",
      "a"."not_inspected",
      "a"."insp_class1",
      "a"."insp_class2",
      "a"."insp_class3",
      "a"."flight_checks",
      "a"."insp_enterprises",
      "a"."insp_key",
      "a"."inspectors",
      "a"."problem_enterprises",
      "a"."problem_items",
      "a"."rectify_ordered",
      "a"."rectified",
      "a"."suspension_ordered",
      "a"."cases",
      "a"."transferred",
      "a"."fines",
      "a"."remark"
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
        END AS "ent_total",
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
        END AS "ent_class1",
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
        END AS "ent_class2",
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
        END AS "ent_class3",
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
        END AS "ent_suspended",
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
        END AS "ent_key",
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
        END AS "license_expiring",
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
        END AS "not_inspected",
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
        END AS "insp_class1",
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
        END AS "insp_class2",
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
        END AS "insp_class3",
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
        END AS "flight_checks",
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
        END AS "insp_enterprises",
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
        END AS "insp_key",
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
        END AS "inspectors",
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
        END AS "problem_enterprises",
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
        END AS "problem_items",
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
        END AS "rectify_ordered",
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
        END AS "rectified",
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
        END AS "suspension_ordered",
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
        END AS "cases",
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
        END AS "transferred",
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
        END AS "fines",
        CAST(NULL AS TEXT) AS "remark"
      FROM (
        SELECT
          "_unit",
          COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
          SUM(
            CASE
              WHEN CAST("ent_total" AS DECIMAL(38, 10)) > -100000000
              AND CAST("ent_total" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("ent_total" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p0_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("ent_total" AS DECIMAL(38, 10)) > -100000000
                AND CAST("ent_total" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("ent_total" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("ent_total" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p0_1",
          SUM(
            CASE
              WHEN CAST("ent_class1" AS DECIMAL(38, 10)) > -100000000
              AND CAST("ent_class1" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("ent_class1" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p1_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("ent_class1" AS DECIMAL(38, 10)) > -100000000
                AND CAST("ent_class1" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("ent_class1" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("ent_class1" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p1_1",
          SUM(
            CASE
              WHEN CAST("ent_class2" AS DECIMAL(38, 10)) > -100000000
              AND CAST("ent_class2" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("ent_class2" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p2_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("ent_class2" AS DECIMAL(38, 10)) > -100000000
                AND CAST("ent_class2" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("ent_class2" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("ent_class2" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p2_1",
          SUM(
            CASE
              WHEN CAST("ent_class3" AS DECIMAL(38, 10)) > -100000000
              AND CAST("ent_class3" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("ent_class3" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p3_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("ent_class3" AS DECIMAL(38, 10)) > -100000000
                AND CAST("ent_class3" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("ent_class3" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("ent_class3" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p3_1",
          SUM(
            CASE
              WHEN CAST("ent_suspended" AS DECIMAL(38, 10)) > -100000000
              AND CAST("ent_suspended" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("ent_suspended" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p4_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("ent_suspended" AS DECIMAL(38, 10)) > -100000000
                AND CAST("ent_suspended" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("ent_suspended" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("ent_suspended" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p4_1",
          SUM(
            CASE
              WHEN CAST("ent_key" AS DECIMAL(38, 10)) > -100000000
              AND CAST("ent_key" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("ent_key" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p5_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("ent_key" AS DECIMAL(38, 10)) > -100000000
                AND CAST("ent_key" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("ent_key" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("ent_key" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p5_1",
          SUM(
            CASE
              WHEN CAST("license_expiring" AS DECIMAL(38, 10)) > -100000000
              AND CAST("license_expiring" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("license_expiring" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p6_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("license_expiring" AS DECIMAL(38, 10)) > -100000000
                AND CAST("license_expiring" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("license_expiring" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("license_expiring" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p6_1",
          SUM(
            CASE
              WHEN CAST("not_inspected" AS DECIMAL(38, 10)) > -100000000
              AND CAST("not_inspected" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("not_inspected" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p7_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("not_inspected" AS DECIMAL(38, 10)) > -100000000
                AND CAST("not_inspected" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("not_inspected" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("not_inspected" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p7_1",
          SUM(
            CASE
              WHEN CAST("insp_class1" AS DECIMAL(38, 10)) > -100000000
              AND CAST("insp_class1" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("insp_class1" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p8_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("insp_class1" AS DECIMAL(38, 10)) > -100000000
                AND CAST("insp_class1" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("insp_class1" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("insp_class1" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p8_1",
          SUM(
            CASE
              WHEN CAST("insp_class2" AS DECIMAL(38, 10)) > -100000000
              AND CAST("insp_class2" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("insp_class2" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p9_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("insp_class2" AS DECIMAL(38, 10)) > -100000000
                AND CAST("insp_class2" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("insp_class2" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("insp_class2" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p9_1",
          SUM(
            CASE
              WHEN CAST("insp_class3" AS DECIMAL(38, 10)) > -100000000
              AND CAST("insp_class3" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("insp_class3" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p10_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("insp_class3" AS DECIMAL(38, 10)) > -100000000
                AND CAST("insp_class3" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("insp_class3" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("insp_class3" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p10_1",
          SUM(
            CASE
              WHEN CAST("flight_checks" AS DECIMAL(38, 10)) > -100000000
              AND CAST("flight_checks" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("flight_checks" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p11_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("flight_checks" AS DECIMAL(38, 10)) > -100000000
                AND CAST("flight_checks" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("flight_checks" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("flight_checks" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p11_1",
          SUM(
            CASE
              WHEN CAST("insp_enterprises" AS DECIMAL(38, 10)) > -100000000
              AND CAST("insp_enterprises" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("insp_enterprises" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p12_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("insp_enterprises" AS DECIMAL(38, 10)) > -100000000
                AND CAST("insp_enterprises" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("insp_enterprises" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("insp_enterprises" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p12_1",
          SUM(
            CASE
              WHEN CAST("insp_key" AS DECIMAL(38, 10)) > -100000000
              AND CAST("insp_key" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("insp_key" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p13_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("insp_key" AS DECIMAL(38, 10)) > -100000000
                AND CAST("insp_key" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("insp_key" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("insp_key" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p13_1",
          SUM(
            CASE
              WHEN CAST("inspectors" AS DECIMAL(38, 10)) > -100000000
              AND CAST("inspectors" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("inspectors" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p14_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("inspectors" AS DECIMAL(38, 10)) > -100000000
                AND CAST("inspectors" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("inspectors" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("inspectors" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p14_1",
          SUM(
            CASE
              WHEN CAST("problem_enterprises" AS DECIMAL(38, 10)) > -100000000
              AND CAST("problem_enterprises" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("problem_enterprises" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p15_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("problem_enterprises" AS DECIMAL(38, 10)) > -100000000
                AND CAST("problem_enterprises" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("problem_enterprises" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("problem_enterprises" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p15_1",
          SUM(
            CASE
              WHEN CAST("problem_items" AS DECIMAL(38, 10)) > -100000000
              AND CAST("problem_items" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("problem_items" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p16_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("problem_items" AS DECIMAL(38, 10)) > -100000000
                AND CAST("problem_items" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("problem_items" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("problem_items" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p16_1",
          SUM(
            CASE
              WHEN CAST("rectify_ordered" AS DECIMAL(38, 10)) > -100000000
              AND CAST("rectify_ordered" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("rectify_ordered" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p17_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("rectify_ordered" AS DECIMAL(38, 10)) > -100000000
                AND CAST("rectify_ordered" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("rectify_ordered" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("rectify_ordered" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p17_1",
          SUM(
            CASE
              WHEN CAST("rectified" AS DECIMAL(38, 10)) > -100000000
              AND CAST("rectified" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("rectified" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p18_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("rectified" AS DECIMAL(38, 10)) > -100000000
                AND CAST("rectified" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("rectified" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("rectified" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p18_1",
          SUM(
            CASE
              WHEN CAST("suspension_ordered" AS DECIMAL(38, 10)) > -100000000
              AND CAST("suspension_ordered" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("suspension_ordered" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p19_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("suspension_ordered" AS DECIMAL(38, 10)) > -100000000
                AND CAST("suspension_ordered" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("suspension_ordered" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("suspension_ordered" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p19_1",
          SUM(
            CASE
              WHEN CAST("cases" AS DECIMAL(38, 10)) > -100000000
              AND CAST("cases" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("cases" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p20_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("cases" AS DECIMAL(38, 10)) > -100000000
                AND CAST("cases" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("cases" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("cases" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p20_1",
          SUM(
            CASE
              WHEN CAST("transferred" AS DECIMAL(38, 10)) > -100000000
              AND CAST("transferred" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("transferred" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p21_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("transferred" AS DECIMAL(38, 10)) > -100000000
                AND CAST("transferred" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("transferred" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("transferred" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p21_1",
          SUM(
            CASE
              WHEN CAST("fines" AS DECIMAL(38, 10)) > -100000000
              AND CAST("fines" AS DECIMAL(38, 10)) < 100000000
              THEN CAST(CAST("fines" AS DECIMAL(38, 10)) AS DECIMAL(18, 10))
            END
          ) AS "_p22_0",
          SUM(
            CASE
              WHEN NOT (
                CAST("fines" AS DECIMAL(38, 10)) > -100000000
                AND CAST("fines" AS DECIMAL(38, 10)) < 100000000
              )
              THEN CAST((
                CAST(TRUNC(CAST("fines" AS DECIMAL(38, 10))) AS INT128) * 10000000000
              ) + CAST((
                CAST("fines" AS DECIMAL(38, 10)) % 1
              ) * 10000000000 AS INT128) AS BIGNUM)
            END
          ) AS "_p22_1"
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
