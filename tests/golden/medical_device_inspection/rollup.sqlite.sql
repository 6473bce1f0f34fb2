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
    "l"."ancestor" = :org AND "l"."descendant_level" = 3
), "_subs" AS (
  SELECT
    "l"."unit" AS "_unit",
    "s"."org" AS "_leaf",
    CASE "s"."period" WHEN :period_1 THEN 1 END AS "_pos",
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
    "s"."period" IN (:period_1) AND "s"."state" IN ('submitted', 'approved')
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
    FORMKIT_ROUND(
      FORMKIT_ADD(FORMKIT_ADD("_r1"."insp_class1", "_r1"."insp_class2"), "_r1"."insp_class3"),
      0
    ) AS "insp_total",
    FORMKIT_ROUND(
      FORMKIT_ROUND(FORMKIT_MUL(FORMKIT_DIV("_r1"."insp_enterprises", "_r1"."ent_total"), '100'), 2),
      2
    ) AS "coverage_rate",
    FORMKIT_ROUND(
      FORMKIT_ROUND(FORMKIT_MUL(FORMKIT_DIV("_r1"."insp_key", "_r1"."ent_key"), '100'), 2),
      2
    ) AS "key_coverage_rate",
    FORMKIT_ROUND(
      FORMKIT_ROUND(
        FORMKIT_MUL(FORMKIT_DIV("_r1"."problem_enterprises", "_r1"."insp_enterprises"), '100'),
        2
      ),
      2
    ) AS "problem_rate",
    FORMKIT_ROUND(
      FORMKIT_ROUND(FORMKIT_MUL(FORMKIT_DIV("_r1"."rectified", "_r1"."rectify_ordered"), '100'), 2),
      2
    ) AS "rectify_rate"
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
        "_g"."_p0_0" AS "ent_total",
        "_g"."_p1_0" AS "ent_class1",
        "_g"."_p2_0" AS "ent_class2",
        "_g"."_p3_0" AS "ent_class3",
        "_g"."_p4_0" AS "ent_suspended",
        "_g"."_p5_0" AS "ent_key",
        "_g"."_p6_0" AS "license_expiring",
        "_g"."_p7_0" AS "not_inspected",
        "_g"."_p8_0" AS "insp_class1",
        "_g"."_p9_0" AS "insp_class2",
        "_g"."_p10_0" AS "insp_class3",
        "_g"."_p11_0" AS "flight_checks",
        "_g"."_p12_0" AS "insp_enterprises",
        "_g"."_p13_0" AS "insp_key",
        "_g"."_p14_0" AS "inspectors",
        "_g"."_p15_0" AS "problem_enterprises",
        "_g"."_p16_0" AS "problem_items",
        "_g"."_p17_0" AS "rectify_ordered",
        "_g"."_p18_0" AS "rectified",
        "_g"."_p19_0" AS "suspension_ordered",
        "_g"."_p20_0" AS "cases",
        "_g"."_p21_0" AS "transferred",
        "_g"."_p22_0" AS "fines",
        CAST(NULL AS TEXT) AS "remark"
      FROM (
        SELECT
          "_unit",
          COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
          FORMKIT_SUM("ent_total") AS "_p0_0",
          FORMKIT_SUM("ent_class1") AS "_p1_0",
          FORMKIT_SUM("ent_class2") AS "_p2_0",
          FORMKIT_SUM("ent_class3") AS "_p3_0",
          FORMKIT_SUM("ent_suspended") AS "_p4_0",
          FORMKIT_SUM("ent_key") AS "_p5_0",
          FORMKIT_SUM("license_expiring") AS "_p6_0",
          FORMKIT_SUM("not_inspected") AS "_p7_0",
          FORMKIT_SUM("insp_class1") AS "_p8_0",
          FORMKIT_SUM("insp_class2") AS "_p9_0",
          FORMKIT_SUM("insp_class3") AS "_p10_0",
          FORMKIT_SUM("flight_checks") AS "_p11_0",
          FORMKIT_SUM("insp_enterprises") AS "_p12_0",
          FORMKIT_SUM("insp_key") AS "_p13_0",
          FORMKIT_SUM("inspectors") AS "_p14_0",
          FORMKIT_SUM("problem_enterprises") AS "_p15_0",
          FORMKIT_SUM("problem_items") AS "_p16_0",
          FORMKIT_SUM("rectify_ordered") AS "_p17_0",
          FORMKIT_SUM("rectified") AS "_p18_0",
          FORMKIT_SUM("suspension_ordered") AS "_p19_0",
          FORMKIT_SUM("cases") AS "_p20_0",
          FORMKIT_SUM("transferred") AS "_p21_0",
          FORMKIT_SUM("fines") AS "_p22_0"
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
