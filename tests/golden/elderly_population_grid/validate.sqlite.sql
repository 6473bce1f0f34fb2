-- parameters: org
WITH "_tree" AS (
  SELECT
    "c"."descendant" AS "code",
    "c"."descendant_level" AS "level"
  FROM "fk_org__org_unit" AS "c"
  WHERE
    "c"."ancestor" = :org
), "_scope" AS (
  SELECT
    "s".*
  FROM "fk_elderly_population_grid_v1" AS "s"
  WHERE
    s."org" IN (
      SELECT
        _tree."code"
      FROM "_tree"
    )
), "_checks"("g", "n", "rule", "severity", "field", "row", "col", "at_row") AS (
  VALUES
    (0, 1, 'required', 'error', 'alone_visits', NULL, NULL, 0),
    (0, 2, 'min', 'error', 'alone_visits', NULL, NULL, 0),
    (0, 3, 'required', 'error', 'allowance_recipients', NULL, NULL, 0),
    (0, 4, 'min', 'error', 'allowance_recipients', NULL, NULL, 0),
    (0, 5, 'max', 'error', 'allowance_recipients', NULL, NULL, 0),
    (0, 6, 'elderly_within_population', 'error', 'elderly', 'total', 'all', 0),
    (0, 7, 'alone_need_visits', 'warning', 'alone_visits', NULL, NULL, 0)
)
SELECT
  *
FROM (
  SELECT
    f."submission_id",
    f."org",
    f."period",
    CAST(k."rule" AS TEXT) AS "rule",
    CAST(k."severity" AS TEXT) AS "severity",
    CAST(k."field" AS TEXT) AS "field",
    CAST(k."row" AS TEXT) AS "row",
    CAST(k."col" AS TEXT) AS "col"
  FROM (
    SELECT
      s."submission_id",
      s."org",
      s."period",
      (
        CASE WHEN (
          s."alone_visits" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."alone_visits" IS NULL
          )
          AND (
            FORMKIT_CMP(s."alone_visits", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."allowance_recipients" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."allowance_recipients" IS NULL
          )
          AND (
            FORMKIT_CMP(s."allowance_recipients", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT s."allowance_recipients" IS NULL
          )
          AND (
            FORMKIT_CMP(
              s."allowance_recipients",
              FORMKIT_ADD(
                FORMKIT_ADD(s."elderly__age_80_89__all", s."elderly__age_90_99__all"),
                s."elderly__age_100__all"
              )
            ) > 0
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(FORMKIT_CMP(s."elderly__total__all", s."population") <= 0, TRUE)
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(
              (
                FORMKIT_CMP(s."elderly__total__alone", '0') = 0
              )
              OR (
                FORMKIT_CMP(s."alone_visits", s."elderly__total__alone") >= 0
              ),
              TRUE
            )
          )
          THEN '1'
          ELSE '0'
        END
      ) AS "flags"
    FROM "_scope" AS "s"
  ) AS "f"
  JOIN "_checks" AS "k"
    ON k."g" = 0 AND SUBSTRING(f."flags", k."n", 1) = '1'
) AS "v"
