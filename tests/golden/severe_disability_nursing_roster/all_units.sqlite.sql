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
  "d"."persons",
  "d"."amount",
  "d"."grade_1",
  "d"."severe_unpaid"
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
    FORMKIT_ROUND(COALESCE("_g_severe"."_a0", '0'), 0) AS "persons",
    FORMKIT_ROUND("_g_severe"."_a1", 2) AS "amount",
    FORMKIT_ROUND(COALESCE("_g_severe"."_a2", '0'), 0) AS "grade_1",
    FORMKIT_ROUND(COALESCE("_g_severe"."_a3", '0'), 0) AS "severe_unpaid"
  FROM "fk_disabled_persons_ledger_v1" AS "_src"
  LEFT JOIN (
    SELECT
      "c"."submission_id" AS "_sid",
      COUNT(CASE WHEN FORMKIT_CMP("c"."subsidy", '0') > 0 THEN 1 END) AS "_a0",
      FORMKIT_SUM(CASE WHEN FORMKIT_CMP("c"."subsidy", '0') > 0 THEN "c"."subsidy" END) AS "_a1",
      COUNT(
        CASE
          WHEN (
            FORMKIT_CMP("c"."subsidy", '0') > 0
          )
          AND (
            FORMKIT_CMP("c"."level", '1') = 0
          )
          THEN 1
        END
      ) AS "_a2",
      COUNT(CASE WHEN FORMKIT_CMP(COALESCE("c"."subsidy", '0'), '0') = 0 THEN 1 END) AS "_a3"
    FROM "fk_disabled_persons_ledger_v1__severe" AS "c"
    GROUP BY
      "c"."submission_id"
  ) AS "_g_severe"
    ON "_g_severe"."_sid" = "_src"."submission_id"
  WHERE
    "_src"."period" IN (CAST(:period AS TEXT))
    AND "_src"."state" IN ('submitted', 'approved')
) AS "d"
  ON "d"."org" = "u"."_unit"
ORDER BY
  "u"."_unit"
