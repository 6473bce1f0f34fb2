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
    "s"."opening",
    "s"."received",
    "s"."released",
    "s"."closing",
    "s"."unemp_opening",
    "s"."unemp_in",
    "s"."unemp_out",
    "s"."unemp_closing",
    "s"."hard_opening",
    "s"."hard_in",
    "s"."hard_out",
    "s"."hard_closing",
    "s"."xiebao_opening",
    "s"."xiebao_in",
    "s"."xiebao_out",
    "s"."xiebao_closing",
    "s"."flex_opening",
    "s"."flex_in",
    "s"."flex_out",
    "s"."flex_closing",
    "s"."retired_opening",
    "s"."retired_in",
    "s"."retired_out",
    "s"."retired_closing",
    "s"."other_opening",
    "s"."other_in",
    "s"."other_out",
    "s"."other_closing",
    "s"."net_change",
    "s"."change_rate",
    "s"."unemp_share",
    "s"."remark"
  FROM "fk_labor_archive_stock_v3" AS "s"
  JOIN "_leaves" AS "l"
    ON "s"."org" = "l"."leaf"
  WHERE
    "s"."period" IN (:period_1) AND "s"."state" IN ('submitted', 'approved')
), "_lv" AS (
  SELECT
    "_unit",
    "_leaf",
    1 AS "_n",
    "opening",
    "received",
    "released",
    "closing",
    "unemp_opening",
    "unemp_in",
    "unemp_out",
    "unemp_closing",
    "hard_opening",
    "hard_in",
    "hard_out",
    "hard_closing",
    "xiebao_opening",
    "xiebao_in",
    "xiebao_out",
    "xiebao_closing",
    "flex_opening",
    "flex_in",
    "flex_out",
    "flex_closing",
    "retired_opening",
    "retired_in",
    "retired_out",
    "retired_closing",
    "other_opening",
    "other_in",
    "other_out",
    "other_closing",
    "net_change",
    "change_rate",
    "unemp_share",
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
  "a"."opening",
  "a"."received",
  "a"."released",
  "a"."closing",
  "a"."unemp_opening",
  "a"."unemp_in",
  "a"."unemp_out",
  "a"."unemp_closing",
  "a"."hard_opening",
  "a"."hard_in",
  "a"."hard_out",
  "a"."hard_closing",
  "a"."xiebao_opening",
  "a"."xiebao_in",
  "a"."xiebao_out",
  "a"."xiebao_closing",
  "a"."flex_opening",
  "a"."flex_in",
  "a"."flex_out",
  "a"."flex_closing",
  "a"."retired_opening",
  "a"."retired_in",
  "a"."retired_out",
  "a"."retired_closing",
  "a"."other_opening",
  "a"."other_in",
  "a"."other_out",
  "a"."other_closing",
  "a"."net_change",
  "a"."change_rate",
  "a"."unemp_share",
  "a"."remark"
FROM (
  SELECT
    "_r2"."_unit",
    "_r2"."_submitted",
    "_r2"."opening",
    "_r2"."received",
    "_r2"."released",
    "_r2"."unemp_opening",
    "_r2"."unemp_in",
    "_r2"."unemp_out",
    "_r2"."hard_opening",
    "_r2"."hard_in",
    "_r2"."hard_out",
    "_r2"."xiebao_opening",
    "_r2"."xiebao_in",
    "_r2"."xiebao_out",
    "_r2"."flex_opening",
    "_r2"."flex_in",
    "_r2"."flex_out",
    "_r2"."retired_opening",
    "_r2"."retired_in",
    "_r2"."retired_out",
    "_r2"."remark",
    "_r2"."closing",
    "_r2"."unemp_closing",
    "_r2"."hard_closing",
    "_r2"."xiebao_closing",
    "_r2"."flex_closing",
    "_r2"."retired_closing",
    "_r2"."other_opening",
    "_r2"."other_in",
    "_r2"."other_out",
    "_r2"."net_change",
    FORMKIT_ROUND(
      FORMKIT_SUB(FORMKIT_ADD("_r2"."other_opening", "_r2"."other_in"), "_r2"."other_out"),
      0
    ) AS "other_closing",
    FORMKIT_ROUND(
      FORMKIT_ROUND(
        FORMKIT_MUL(FORMKIT_DIV(FORMKIT_SUB("_r2"."closing", "_r2"."opening"), "_r2"."opening"), '100'),
        2
      ),
      2
    ) AS "change_rate",
    FORMKIT_ROUND(
      FORMKIT_ROUND(FORMKIT_MUL(FORMKIT_DIV("_r2"."unemp_closing", "_r2"."closing"), '100'), 2),
      2
    ) AS "unemp_share"
  FROM (
    SELECT
      "_r1"."_unit",
      "_r1"."_submitted",
      "_r1"."opening",
      "_r1"."received",
      "_r1"."released",
      "_r1"."unemp_opening",
      "_r1"."unemp_in",
      "_r1"."unemp_out",
      "_r1"."hard_opening",
      "_r1"."hard_in",
      "_r1"."hard_out",
      "_r1"."xiebao_opening",
      "_r1"."xiebao_in",
      "_r1"."xiebao_out",
      "_r1"."flex_opening",
      "_r1"."flex_in",
      "_r1"."flex_out",
      "_r1"."retired_opening",
      "_r1"."retired_in",
      "_r1"."retired_out",
      "_r1"."remark",
      FORMKIT_ROUND(
        FORMKIT_SUB(FORMKIT_ADD(COALESCE("_r1"."opening", '0'), "_r1"."received"), "_r1"."released"),
        0
      ) AS "closing",
      FORMKIT_ROUND(
        FORMKIT_SUB(
          FORMKIT_ADD(COALESCE("_r1"."unemp_opening", '0'), COALESCE("_r1"."unemp_in", '0')),
          COALESCE("_r1"."unemp_out", '0')
        ),
        0
      ) AS "unemp_closing",
      FORMKIT_ROUND(
        FORMKIT_SUB(
          FORMKIT_ADD(COALESCE("_r1"."hard_opening", '0'), COALESCE("_r1"."hard_in", '0')),
          COALESCE("_r1"."hard_out", '0')
        ),
        0
      ) AS "hard_closing",
      FORMKIT_ROUND(
        FORMKIT_SUB(
          FORMKIT_ADD(COALESCE("_r1"."xiebao_opening", '0'), COALESCE("_r1"."xiebao_in", '0')),
          COALESCE("_r1"."xiebao_out", '0')
        ),
        0
      ) AS "xiebao_closing",
      FORMKIT_ROUND(
        FORMKIT_SUB(
          FORMKIT_ADD(COALESCE("_r1"."flex_opening", '0'), COALESCE("_r1"."flex_in", '0')),
          COALESCE("_r1"."flex_out", '0')
        ),
        0
      ) AS "flex_closing",
      FORMKIT_ROUND(
        FORMKIT_SUB(
          FORMKIT_ADD(COALESCE("_r1"."retired_opening", '0'), COALESCE("_r1"."retired_in", '0')),
          COALESCE("_r1"."retired_out", '0')
        ),
        0
      ) AS "retired_closing",
      FORMKIT_ROUND(
        FORMKIT_SUB(
          FORMKIT_SUB(
            FORMKIT_SUB(
              FORMKIT_SUB(
                FORMKIT_SUB(COALESCE("_r1"."opening", '0'), COALESCE("_r1"."unemp_opening", '0')),
                COALESCE("_r1"."hard_opening", '0')
              ),
              COALESCE("_r1"."xiebao_opening", '0')
            ),
            COALESCE("_r1"."flex_opening", '0')
          ),
          COALESCE("_r1"."retired_opening", '0')
        ),
        0
      ) AS "other_opening",
      FORMKIT_ROUND(
        FORMKIT_SUB(
          FORMKIT_SUB(
            FORMKIT_SUB(
              FORMKIT_SUB(
                FORMKIT_SUB("_r1"."received", COALESCE("_r1"."unemp_in", '0')),
                COALESCE("_r1"."hard_in", '0')
              ),
              COALESCE("_r1"."xiebao_in", '0')
            ),
            COALESCE("_r1"."flex_in", '0')
          ),
          COALESCE("_r1"."retired_in", '0')
        ),
        0
      ) AS "other_in",
      FORMKIT_ROUND(
        FORMKIT_SUB(
          FORMKIT_SUB(
            FORMKIT_SUB(
              FORMKIT_SUB(
                FORMKIT_SUB("_r1"."released", COALESCE("_r1"."unemp_out", '0')),
                COALESCE("_r1"."hard_out", '0')
              ),
              COALESCE("_r1"."xiebao_out", '0')
            ),
            COALESCE("_r1"."flex_out", '0')
          ),
          COALESCE("_r1"."retired_out", '0')
        ),
        0
      ) AS "other_out",
      FORMKIT_ROUND(FORMKIT_SUB("_r1"."received", "_r1"."released"), 0) AS "net_change"
    FROM (
      SELECT
        "u"."unit" AS "_unit",
        "a"."_submitted",
        "a"."opening",
        "a"."received",
        "a"."released",
        "a"."unemp_opening",
        "a"."unemp_in",
        "a"."unemp_out",
        "a"."hard_opening",
        "a"."hard_in",
        "a"."hard_out",
        "a"."xiebao_opening",
        "a"."xiebao_in",
        "a"."xiebao_out",
        "a"."flex_opening",
        "a"."flex_in",
        "a"."flex_out",
        "a"."retired_opening",
        "a"."retired_in",
        "a"."retired_out",
        "a"."remark"
      FROM "_units" AS "u"
      LEFT JOIN (
        SELECT
          "_g"."_unit",
          "_g"."_submitted",
          "_g"."_p0_0" AS "opening",
          "_g"."_p1_0" AS "received",
          "_g"."_p2_0" AS "released",
          "_g"."_p3_0" AS "unemp_opening",
          "_g"."_p4_0" AS "unemp_in",
          "_g"."_p5_0" AS "unemp_out",
          "_g"."_p6_0" AS "hard_opening",
          "_g"."_p7_0" AS "hard_in",
          "_g"."_p8_0" AS "hard_out",
          "_g"."_p9_0" AS "xiebao_opening",
          "_g"."_p10_0" AS "xiebao_in",
          "_g"."_p11_0" AS "xiebao_out",
          "_g"."_p12_0" AS "flex_opening",
          "_g"."_p13_0" AS "flex_in",
          "_g"."_p14_0" AS "flex_out",
          "_g"."_p15_0" AS "retired_opening",
          "_g"."_p16_0" AS "retired_in",
          "_g"."_p17_0" AS "retired_out",
          CAST(NULL AS TEXT) AS "remark"
        FROM (
          SELECT
            "_unit",
            COUNT(CASE WHEN "_n" = 1 THEN 1 END) AS "_submitted",
            FORMKIT_SUM("opening") AS "_p0_0",
            FORMKIT_SUM("received") AS "_p1_0",
            FORMKIT_SUM("released") AS "_p2_0",
            FORMKIT_SUM("unemp_opening") AS "_p3_0",
            FORMKIT_SUM("unemp_in") AS "_p4_0",
            FORMKIT_SUM("unemp_out") AS "_p5_0",
            FORMKIT_SUM("hard_opening") AS "_p6_0",
            FORMKIT_SUM("hard_in") AS "_p7_0",
            FORMKIT_SUM("hard_out") AS "_p8_0",
            FORMKIT_SUM("xiebao_opening") AS "_p9_0",
            FORMKIT_SUM("xiebao_in") AS "_p10_0",
            FORMKIT_SUM("xiebao_out") AS "_p11_0",
            FORMKIT_SUM("flex_opening") AS "_p12_0",
            FORMKIT_SUM("flex_in") AS "_p13_0",
            FORMKIT_SUM("flex_out") AS "_p14_0",
            FORMKIT_SUM("retired_opening") AS "_p15_0",
            FORMKIT_SUM("retired_in") AS "_p16_0",
            FORMKIT_SUM("retired_out") AS "_p17_0"
          FROM "_lv"
          GROUP BY
            "_unit"
        ) AS "_g"
      ) AS "a"
        ON "a"."_unit" = "u"."unit"
    ) AS "_r1"
  ) AS "_r2"
) AS "a"
LEFT JOIN "_cover" AS "c"
  ON "c"."_unit" = "a"."_unit"
ORDER BY
  "a"."_unit"
