-- parameters: org, period
SELECT
  "u"."_unit",
  "d"."submission_id",
  "d"."org",
  "d"."period",
  "d"."state",
  "d"."updated_at",
  "d"."version",
  "d"."_src_revision",
  "d"."_src_periods",
  "d"."poor_persons",
  "d"."receiving",
  "d"."receiving_prev",
  "d"."added",
  "d"."stopped",
  "d"."amount",
  "d"."amount_prev",
  "d"."change",
  "d"."expired_paid"
FROM (
  SELECT
    "c"."descendant" AS "_unit"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = :org AND "c"."descendant_level" = 4
) AS "u"
LEFT JOIN (
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
    "_src"."period" IN (CAST(:period AS TEXT))
    AND "_src"."state" IN ('submitted', 'approved')
) AS "d"
  ON "d"."org" = "u"."_unit"
ORDER BY
  "u"."_unit"
