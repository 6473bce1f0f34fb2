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
    "s"."period" IN (:period_1) AND "s"."state" IN ('submitted', 'approved')
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
    FORMKIT_ROUND(
      FORMKIT_ROUND(FORMKIT_MUL(FORMKIT_DIV("_r1"."warnings_total", "_r1"."recipients"), '100'), 2),
      2
    ) AS "warning_rate"
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
        "_g"."_p0_0" AS "recipients",
        "_g"."_p1_0" AS "recipients_dibao",
        "_g"."_p2_0" AS "recipients_tekun",
        "_g"."_p3_0" AS "recipients_dibian",
        "_g"."_p4_0" AS "amount_due",
        "_g"."_p5_0" AS "warnings_total",
        "_g"."_p6_0" AS "warnings_death",
        "_g"."_p7_0" AS "warnings_marriage",
        "_g"."_p8_0" AS "warnings_migration",
        "_g"."_p9_0" AS "stopped",
        "_g"."_p10_0" AS "changed",
        "_g"."_p11_0" AS "amount_stopped",
        "_g"."_p12_0" AS "amount_to_recover"
      FROM (
        SELECT
          "_unit",
          COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
          FORMKIT_SUM("recipients") AS "_p0_0",
          FORMKIT_SUM("recipients_dibao") AS "_p1_0",
          FORMKIT_SUM("recipients_tekun") AS "_p2_0",
          FORMKIT_SUM("recipients_dibian") AS "_p3_0",
          FORMKIT_SUM("amount_due") AS "_p4_0",
          FORMKIT_SUM("warnings_total") AS "_p5_0",
          FORMKIT_SUM("warnings_death") AS "_p6_0",
          FORMKIT_SUM("warnings_marriage") AS "_p7_0",
          FORMKIT_SUM("warnings_migration") AS "_p8_0",
          FORMKIT_SUM("stopped") AS "_p9_0",
          FORMKIT_SUM("changed") AS "_p10_0",
          FORMKIT_SUM("amount_stopped") AS "_p11_0",
          FORMKIT_SUM("amount_to_recover") AS "_p12_0"
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
