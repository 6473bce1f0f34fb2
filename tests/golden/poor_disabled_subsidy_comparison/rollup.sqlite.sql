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
      FORMKIT_ROUND("_src"."poor_total", 0) AS "poor_persons",
      FORMKIT_ROUND(COALESCE("_g_poor"."_a0", '0'), 0) AS "receiving",
      FORMKIT_ROUND("_src"."living_count_prev", 0) AS "receiving_prev",
      FORMKIT_ROUND(COALESCE("_g_poor"."_a1", '0'), 0) AS "added",
      FORMKIT_ROUND(COALESCE("_g_poor"."_a2", '0'), 0) AS "stopped",
      FORMKIT_ROUND("_g_poor"."_a3", 2) AS "amount",
      FORMKIT_ROUND("_src"."living_total_prev", 2) AS "amount_prev",
      FORMKIT_ROUND(
        FORMKIT_SUB(
          COALESCE(FORMKIT_ROUND("_g_poor"."_a3", 2), '0'),
          COALESCE(FORMKIT_ROUND("_src"."living_total_prev", 2), '0')
        ),
        2
      ) AS "change",
      FORMKIT_ROUND(COALESCE("_g_poor"."_a4", '0'), 0) AS "expired_paid"
    FROM "fk_disabled_persons_ledger_v1" AS "_src"
    LEFT JOIN (
      SELECT
        "c"."submission_id" AS "_sid",
        COUNT(CASE WHEN FORMKIT_CMP("c"."subsidy", '0') > 0 THEN 1 END) AS "_a0",
        COUNT(
          CASE
            WHEN (
              FORMKIT_CMP("c"."subsidy", '0') > 0
            )
            AND (
              FORMKIT_CMP(COALESCE("c"."last_subsidy", '0'), '0') = 0
            )
            THEN 1
          END
        ) AS "_a1",
        COUNT(
          CASE
            WHEN (
              FORMKIT_CMP("c"."subsidy", '0') = 0
            )
            AND (
              FORMKIT_CMP("c"."last_subsidy", '0') > 0
            )
            THEN 1
          END
        ) AS "_a2",
        FORMKIT_SUM("c"."subsidy") AS "_a3",
        COUNT(
          CASE
            WHEN (
              "c"."cert" COLLATE BINARY <> 'valid'
            )
            AND (
              FORMKIT_CMP("c"."subsidy", '0') > 0
            )
            THEN 1
          END
        ) AS "_a4"
      FROM "fk_disabled_persons_ledger_v1__poor" AS "c"
      GROUP BY
        "c"."submission_id"
    ) AS "_g_poor"
      ON "_g_poor"."_sid" = "_src"."submission_id"
    WHERE
      "_src"."period" IN (:period_1) AND "_src"."state" IN ('submitted', 'approved')
  ) AS "s"
  JOIN "_leaves" AS "l"
    ON "s"."org" = "l"."leaf"
  WHERE
    "s"."period" IN (:period_1) AND "s"."state" IN ('submitted', 'approved')
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
    FORMKIT_ROUND(FORMKIT_SUB(COALESCE("_r1"."amount", '0'), COALESCE("_r1"."amount_prev", '0')), 2) AS "change"
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
        "_g"."_p0_0" AS "poor_persons",
        "_g"."_p1_0" AS "receiving",
        "_g"."_p2_0" AS "receiving_prev",
        "_g"."_p3_0" AS "added",
        "_g"."_p4_0" AS "stopped",
        "_g"."_p5_0" AS "amount",
        "_g"."_p6_0" AS "amount_prev",
        "_g"."_p7_0" AS "expired_paid"
      FROM (
        SELECT
          "_unit",
          COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
          FORMKIT_SUM("poor_persons") AS "_p0_0",
          FORMKIT_SUM("receiving") AS "_p1_0",
          FORMKIT_SUM("receiving_prev") AS "_p2_0",
          FORMKIT_SUM("added") AS "_p3_0",
          FORMKIT_SUM("stopped") AS "_p4_0",
          FORMKIT_SUM("amount") AS "_p5_0",
          FORMKIT_SUM("amount_prev") AS "_p6_0",
          FORMKIT_SUM("expired_paid") AS "_p7_0"
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
