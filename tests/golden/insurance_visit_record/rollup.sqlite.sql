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
    "s"."c_e69d72ae",
    "s"."c_264d960f",
    "s"."c_eaa896ad",
    "s"."c_bc58f7af",
    "s"."c_0d8e2f2a",
    "s"."c_b617a40f",
    "s"."c_d2be4c32",
    "s"."c_ac9bed40",
    "s"."c_905c78a8"
  FROM "fk_insurance_visit_record_v1" AS "s"
  JOIN "_leaves" AS "l"
    ON "s"."org" = "l"."leaf"
  WHERE
    "s"."period" IN (:period_1) AND "s"."state" IN ('submitted', 'approved')
), "_lv" AS (
  SELECT
    "_unit",
    "_leaf",
    1 AS "_n",
    "c_e69d72ae",
    "c_264d960f",
    "c_eaa896ad",
    "c_bc58f7af",
    "c_0d8e2f2a",
    "c_b617a40f",
    "c_d2be4c32",
    "c_ac9bed40",
    "c_905c78a8"
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
  "a"."c_e69d72ae",
  "a"."c_264d960f",
  "a"."c_eaa896ad",
  "a"."c_bc58f7af",
  "a"."c_0d8e2f2a",
  "a"."c_b617a40f",
  "a"."c_d2be4c32",
  "a"."c_ac9bed40",
  "a"."c_905c78a8"
FROM (
  SELECT
    "_r1"."_unit",
    "_r1"."_submitted",
    "_r1"."c_e69d72ae",
    "_r1"."c_264d960f",
    "_r1"."c_eaa896ad",
    "_r1"."c_0d8e2f2a",
    "_r1"."c_d2be4c32",
    "_r1"."c_ac9bed40",
    "_r1"."c_905c78a8",
    FORMKIT_ROUND(FORMKIT_ROUND(FORMKIT_DIV("_r1"."c_eaa896ad", "_r1"."c_264d960f"), 1), 1) AS "c_bc58f7af",
    FORMKIT_ROUND(
      FORMKIT_ROUND(FORMKIT_MUL(FORMKIT_DIV("_r1"."c_0d8e2f2a", "_r1"."c_e69d72ae"), '100'), 1),
      1
    ) AS "c_b617a40f"
  FROM (
    SELECT
      "u"."unit" AS "_unit",
      "a"."_submitted",
      "a"."c_e69d72ae",
      "a"."c_264d960f",
      "a"."c_eaa896ad",
      "a"."c_0d8e2f2a",
      "a"."c_d2be4c32",
      "a"."c_ac9bed40",
      "a"."c_905c78a8"
    FROM "_units" AS "u"
    LEFT JOIN (
      SELECT
        "_g"."_unit",
        "_g"."_submitted",
        "_g"."_p0_0" AS "c_e69d72ae",
        "_g"."_p1_0" AS "c_264d960f",
        "_g"."_p2_0" AS "c_eaa896ad",
        "_g"."_p3_0" AS "c_0d8e2f2a",
        "_g"."_p4_0" AS "c_d2be4c32",
        "_g"."_p5_0" AS "c_ac9bed40",
        "_g"."_p6_0" AS "c_905c78a8"
      FROM (
        SELECT
          "_unit",
          COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
          FORMKIT_SUM("c_e69d72ae") AS "_p0_0",
          FORMKIT_SUM("c_264d960f") AS "_p1_0",
          FORMKIT_SUM("c_eaa896ad") AS "_p2_0",
          FORMKIT_SUM("c_0d8e2f2a") AS "_p3_0",
          FORMKIT_SUM("c_d2be4c32") AS "_p4_0",
          FORMKIT_SUM("c_ac9bed40") AS "_p5_0",
          FORMKIT_SUM("c_905c78a8") AS "_p6_0"
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
