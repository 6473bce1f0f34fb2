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
    "s"."persons",
    "s"."amount",
    "s"."grade_1",
    "s"."severe_unpaid"
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
    "persons",
    "amount",
    "grade_1",
    "severe_unpaid"
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
  "a"."persons",
  "a"."amount",
  "a"."grade_1",
  "a"."severe_unpaid"
FROM (
  SELECT
    "_r1"."_unit",
    "_r1"."_submitted",
    "_r1"."persons",
    "_r1"."grade_1",
    "_r1"."severe_unpaid",
    "_r1"."_t0",
    FORMKIT_ROUND("_r1"."_t0", 2) AS "amount"
  FROM (
    SELECT
      "_r0"."_unit",
      "_r0"."_submitted",
      "_r0"."persons",
      "_r0"."grade_1",
      "_r0"."severe_unpaid",
      "_tt0"."_t0" AS "_t0"
    FROM (
      SELECT
        "u"."unit" AS "_unit",
        "a"."_submitted",
        "a"."persons",
        "a"."grade_1",
        "a"."severe_unpaid"
      FROM "_units" AS "u"
      LEFT JOIN (
        SELECT
          "_g"."_unit",
          "_g"."_submitted",
          "_g"."_p0_0" AS "persons",
          "_g"."_p1_0" AS "grade_1",
          "_g"."_p2_0" AS "severe_unpaid"
        FROM (
          SELECT
            "_unit",
            COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
            FORMKIT_SUM("persons") AS "_p0_0",
            FORMKIT_SUM("grade_1") AS "_p1_0",
            FORMKIT_SUM("severe_unpaid") AS "_p2_0"
          FROM "_lv"
          GROUP BY
            "_unit"
        ) AS "_g"
      ) AS "a"
        ON "a"."_unit" = "u"."unit"
    ) AS "_r0"
    LEFT JOIN (
      SELECT
        "_g"."_unit",
        "_g"."_t0_0" AS "_t0"
      FROM (
        SELECT
          "s"."_unit" AS "_unit",
          FORMKIT_SUM("c"."subsidy") AS "_t0_0"
        FROM "_subs" AS "s"
        JOIN (
          SELECT
            "c"."submission_id",
            "c"."name" AS "name",
            "c"."id_card" AS "id_card",
            "c"."level" AS "level",
            "c"."cert" AS "cert",
            "c"."subsidy" AS "subsidy",
            "c"."change" AS "change",
            "c"."change_reason" AS "reason"
          FROM "fk_disabled_persons_ledger_v1__severe" AS "c"
          WHERE
            FORMKIT_CMP("c"."subsidy", '0') > 0
        ) AS "c"
          ON "c"."submission_id" = "s"."submission_id"
        GROUP BY
          "s"."_unit"
      ) AS "_g"
    ) AS "_tt0"
      ON "_tt0"."_unit" = "_r0"."_unit"
  ) AS "_r1"
) AS "a"
LEFT JOIN "_cover" AS "c"
  ON "c"."_unit" = "a"."_unit"
ORDER BY
  "a"."_unit"
