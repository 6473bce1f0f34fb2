-- parameters: org, period_1
WITH "_units" AS (
  SELECT
    "c"."descendant" AS "unit"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = :org AND "c"."depth" = 0
), "_leaves" AS (
  SELECT
    "l"."descendant" AS "leaf",
    :org AS "unit"
  FROM "fk_org__org_unit" AS "l"
  WHERE
    "l"."ancestor" = :org AND "l"."descendant_level" = 4
), "_subs" AS (
  SELECT
    "l"."unit" AS "_unit",
    "s"."org" AS "_leaf",
    CASE "s"."period" WHEN :period_1 THEN 1 END AS "_pos",
    "s"."submission_id",
    "s"."population",
    "s"."elderly_share",
    "s"."oldest_share",
    "s"."alone_share",
    "s"."alone_visits",
    "s"."allowance_recipients",
    "s"."elderly__age_60_69__male",
    "s"."elderly__age_60_69__female",
    "s"."elderly__age_60_69__all",
    "s"."elderly__age_60_69__alone",
    "s"."elderly__age_70_79__male",
    "s"."elderly__age_70_79__female",
    "s"."elderly__age_70_79__all",
    "s"."elderly__age_70_79__alone",
    "s"."elderly__age_80_89__male",
    "s"."elderly__age_80_89__female",
    "s"."elderly__age_80_89__all",
    "s"."elderly__age_80_89__alone",
    "s"."elderly__age_90_99__male",
    "s"."elderly__age_90_99__female",
    "s"."elderly__age_90_99__all",
    "s"."elderly__age_90_99__alone",
    "s"."elderly__age_100__male",
    "s"."elderly__age_100__female",
    "s"."elderly__age_100__all",
    "s"."elderly__age_100__alone",
    "s"."elderly__total__male",
    "s"."elderly__total__female",
    "s"."elderly__total__all",
    "s"."elderly__total__alone"
  FROM "fk_elderly_population_grid_v1" AS "s"
  JOIN "_leaves" AS "l"
    ON "s"."org" = "l"."leaf"
  WHERE
    "s"."period" IN (:period_1) AND "s"."state" IN ('submitted', 'approved')
), "_lv" AS (
  SELECT
    "_unit",
    "_leaf",
    1 AS "_n",
    "population",
    "elderly_share",
    "oldest_share",
    "alone_share",
    "alone_visits",
    "allowance_recipients",
    "elderly__age_60_69__male",
    "elderly__age_60_69__female",
    "elderly__age_60_69__all",
    "elderly__age_60_69__alone",
    "elderly__age_70_79__male",
    "elderly__age_70_79__female",
    "elderly__age_70_79__all",
    "elderly__age_70_79__alone",
    "elderly__age_80_89__male",
    "elderly__age_80_89__female",
    "elderly__age_80_89__all",
    "elderly__age_80_89__alone",
    "elderly__age_90_99__male",
    "elderly__age_90_99__female",
    "elderly__age_90_99__all",
    "elderly__age_90_99__alone",
    "elderly__age_100__male",
    "elderly__age_100__female",
    "elderly__age_100__all",
    "elderly__age_100__alone",
    "elderly__total__male",
    "elderly__total__female",
    "elderly__total__all",
    "elderly__total__alone"
  FROM "_subs"
), "_cover" AS (
  SELECT
    "_unit",
    COUNT(*) AS "_expected",
    GROUP_CONCAT(CASE WHEN "_done" = 0 THEN "_leaf" END, '') AS "_missing"
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
  "a"."population",
  "a"."elderly_share",
  "a"."oldest_share",
  "a"."alone_share",
  "a"."alone_visits",
  "a"."allowance_recipients",
  "a"."elderly__age_60_69__male",
  "a"."elderly__age_60_69__female",
  "a"."elderly__age_60_69__all",
  "a"."elderly__age_60_69__alone",
  "a"."elderly__age_70_79__male",
  "a"."elderly__age_70_79__female",
  "a"."elderly__age_70_79__all",
  "a"."elderly__age_70_79__alone",
  "a"."elderly__age_80_89__male",
  "a"."elderly__age_80_89__female",
  "a"."elderly__age_80_89__all",
  "a"."elderly__age_80_89__alone",
  "a"."elderly__age_90_99__male",
  "a"."elderly__age_90_99__female",
  "a"."elderly__age_90_99__all",
  "a"."elderly__age_90_99__alone",
  "a"."elderly__age_100__male",
  "a"."elderly__age_100__female",
  "a"."elderly__age_100__all",
  "a"."elderly__age_100__alone",
  "a"."elderly__total__male",
  "a"."elderly__total__female",
  "a"."elderly__total__all",
  "a"."elderly__total__alone"
FROM (
  SELECT
    "_r1"."_unit",
    "_r1"."_submitted",
    "_r1"."population",
    "_r1"."alone_visits",
    "_r1"."allowance_recipients",
    "_r1"."elderly__age_60_69__male",
    "_r1"."elderly__age_60_69__female",
    "_r1"."elderly__age_60_69__all",
    "_r1"."elderly__age_60_69__alone",
    "_r1"."elderly__age_70_79__male",
    "_r1"."elderly__age_70_79__female",
    "_r1"."elderly__age_70_79__all",
    "_r1"."elderly__age_70_79__alone",
    "_r1"."elderly__age_80_89__male",
    "_r1"."elderly__age_80_89__female",
    "_r1"."elderly__age_80_89__all",
    "_r1"."elderly__age_80_89__alone",
    "_r1"."elderly__age_90_99__male",
    "_r1"."elderly__age_90_99__female",
    "_r1"."elderly__age_90_99__all",
    "_r1"."elderly__age_90_99__alone",
    "_r1"."elderly__age_100__male",
    "_r1"."elderly__age_100__female",
    "_r1"."elderly__age_100__all",
    "_r1"."elderly__age_100__alone",
    "_r1"."elderly__total__male",
    "_r1"."elderly__total__female",
    "_r1"."elderly__total__all",
    "_r1"."elderly__total__alone",
    FORMKIT_ROUND(
      FORMKIT_ROUND(
        FORMKIT_MUL(FORMKIT_DIV("_r1"."elderly__total__all", "_r1"."population"), '100'),
        2
      ),
      2
    ) AS "elderly_share",
    FORMKIT_ROUND(
      FORMKIT_ROUND(
        FORMKIT_MUL(
          FORMKIT_DIV(
            FORMKIT_ADD(
              FORMKIT_ADD("_r1"."elderly__age_80_89__all", "_r1"."elderly__age_90_99__all"),
              "_r1"."elderly__age_100__all"
            ),
            "_r1"."elderly__total__all"
          ),
          '100'
        ),
        2
      ),
      2
    ) AS "oldest_share",
    FORMKIT_ROUND(
      FORMKIT_ROUND(
        FORMKIT_MUL(FORMKIT_DIV("_r1"."elderly__total__alone", "_r1"."elderly__total__all"), '100'),
        2
      ),
      2
    ) AS "alone_share"
  FROM (
    SELECT
      "u"."unit" AS "_unit",
      "a"."_submitted",
      "a"."population",
      "a"."alone_visits",
      "a"."allowance_recipients",
      "a"."elderly__age_60_69__male",
      "a"."elderly__age_60_69__female",
      "a"."elderly__age_60_69__all",
      "a"."elderly__age_60_69__alone",
      "a"."elderly__age_70_79__male",
      "a"."elderly__age_70_79__female",
      "a"."elderly__age_70_79__all",
      "a"."elderly__age_70_79__alone",
      "a"."elderly__age_80_89__male",
      "a"."elderly__age_80_89__female",
      "a"."elderly__age_80_89__all",
      "a"."elderly__age_80_89__alone",
      "a"."elderly__age_90_99__male",
      "a"."elderly__age_90_99__female",
      "a"."elderly__age_90_99__all",
      "a"."elderly__age_90_99__alone",
      "a"."elderly__age_100__male",
      "a"."elderly__age_100__female",
      "a"."elderly__age_100__all",
      "a"."elderly__age_100__alone",
      "a"."elderly__total__male",
      "a"."elderly__total__female",
      "a"."elderly__total__all",
      "a"."elderly__total__alone"
    FROM "_units" AS "u"
    LEFT JOIN (
      SELECT
        "_g"."_unit",
        "_g"."_submitted",
        "_g"."_p0_0" AS "population",
        "_g"."_p1_0" AS "alone_visits",
        "_g"."_p2_0" AS "allowance_recipients",
        "_g"."_p3_0" AS "elderly__age_60_69__male",
        "_g"."_p4_0" AS "elderly__age_60_69__female",
        "_g"."_p5_0" AS "elderly__age_60_69__all",
        "_g"."_p6_0" AS "elderly__age_60_69__alone",
        "_g"."_p7_0" AS "elderly__age_70_79__male",
        "_g"."_p8_0" AS "elderly__age_70_79__female",
        "_g"."_p9_0" AS "elderly__age_70_79__all",
        "_g"."_p10_0" AS "elderly__age_70_79__alone",
        "_g"."_p11_0" AS "elderly__age_80_89__male",
        "_g"."_p12_0" AS "elderly__age_80_89__female",
        "_g"."_p13_0" AS "elderly__age_80_89__all",
        "_g"."_p14_0" AS "elderly__age_80_89__alone",
        "_g"."_p15_0" AS "elderly__age_90_99__male",
        "_g"."_p16_0" AS "elderly__age_90_99__female",
        "_g"."_p17_0" AS "elderly__age_90_99__all",
        "_g"."_p18_0" AS "elderly__age_90_99__alone",
        "_g"."_p19_0" AS "elderly__age_100__male",
        "_g"."_p20_0" AS "elderly__age_100__female",
        "_g"."_p21_0" AS "elderly__age_100__all",
        "_g"."_p22_0" AS "elderly__age_100__alone",
        "_g"."_p23_0" AS "elderly__total__male",
        "_g"."_p24_0" AS "elderly__total__female",
        "_g"."_p25_0" AS "elderly__total__all",
        "_g"."_p26_0" AS "elderly__total__alone"
      FROM (
        SELECT
          "_unit",
          COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
          FORMKIT_SUM("population") AS "_p0_0",
          FORMKIT_SUM("alone_visits") AS "_p1_0",
          FORMKIT_SUM("allowance_recipients") AS "_p2_0",
          FORMKIT_SUM("elderly__age_60_69__male") AS "_p3_0",
          FORMKIT_SUM("elderly__age_60_69__female") AS "_p4_0",
          FORMKIT_SUM("elderly__age_60_69__all") AS "_p5_0",
          FORMKIT_SUM("elderly__age_60_69__alone") AS "_p6_0",
          FORMKIT_SUM("elderly__age_70_79__male") AS "_p7_0",
          FORMKIT_SUM("elderly__age_70_79__female") AS "_p8_0",
          FORMKIT_SUM("elderly__age_70_79__all") AS "_p9_0",
          FORMKIT_SUM("elderly__age_70_79__alone") AS "_p10_0",
          FORMKIT_SUM("elderly__age_80_89__male") AS "_p11_0",
          FORMKIT_SUM("elderly__age_80_89__female") AS "_p12_0",
          FORMKIT_SUM("elderly__age_80_89__all") AS "_p13_0",
          FORMKIT_SUM("elderly__age_80_89__alone") AS "_p14_0",
          FORMKIT_SUM("elderly__age_90_99__male") AS "_p15_0",
          FORMKIT_SUM("elderly__age_90_99__female") AS "_p16_0",
          FORMKIT_SUM("elderly__age_90_99__all") AS "_p17_0",
          FORMKIT_SUM("elderly__age_90_99__alone") AS "_p18_0",
          FORMKIT_SUM("elderly__age_100__male") AS "_p19_0",
          FORMKIT_SUM("elderly__age_100__female") AS "_p20_0",
          FORMKIT_SUM("elderly__age_100__all") AS "_p21_0",
          FORMKIT_SUM("elderly__age_100__alone") AS "_p22_0",
          FORMKIT_SUM("elderly__total__male") AS "_p23_0",
          FORMKIT_SUM("elderly__total__female") AS "_p24_0",
          FORMKIT_SUM("elderly__total__all") AS "_p25_0",
          FORMKIT_SUM("elderly__total__alone") AS "_p26_0"
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
