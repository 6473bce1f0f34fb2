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
  FROM "fk_medical_device_inspection_v1" AS "s"
  WHERE
    s."org" IN (
      SELECT
        _tree."code"
      FROM "_tree"
    )
), "_checks"("g", "n", "rule", "severity", "field", "row", "col", "at_row") AS (
  VALUES
    (0, 1, 'required', 'error', 'insp_class1', NULL, NULL, 0),
    (0, 2, 'min', 'error', 'insp_class1', NULL, NULL, 0),
    (0, 3, 'required', 'error', 'insp_class2', NULL, NULL, 0),
    (0, 4, 'min', 'error', 'insp_class2', NULL, NULL, 0),
    (0, 5, 'required', 'error', 'insp_class3', NULL, NULL, 0),
    (0, 6, 'min', 'error', 'insp_class3', NULL, NULL, 0),
    (0, 7, 'min', 'error', 'flight_checks', NULL, NULL, 0),
    (0, 8, 'max', 'error', 'flight_checks', NULL, NULL, 0),
    (0, 9, 'required', 'error', 'insp_enterprises', NULL, NULL, 0),
    (0, 10, 'min', 'error', 'insp_enterprises', NULL, NULL, 0),
    (0, 11, 'required', 'error', 'insp_key', NULL, NULL, 0),
    (0, 12, 'min', 'error', 'insp_key', NULL, NULL, 0),
    (0, 13, 'max', 'error', 'insp_key', NULL, NULL, 0),
    (0, 14, 'required', 'error', 'inspectors', NULL, NULL, 0),
    (0, 15, 'min', 'error', 'inspectors', NULL, NULL, 0),
    (0, 16, 'required', 'error', 'problem_enterprises', NULL, NULL, 0),
    (0, 17, 'min', 'error', 'problem_enterprises', NULL, NULL, 0),
    (0, 18, 'required', 'error', 'problem_items', NULL, NULL, 0),
    (0, 19, 'min', 'error', 'problem_items', NULL, NULL, 0),
    (0, 20, 'required', 'error', 'rectify_ordered', NULL, NULL, 0),
    (0, 21, 'min', 'error', 'rectify_ordered', NULL, NULL, 0),
    (0, 22, 'required', 'error', 'rectified', NULL, NULL, 0),
    (0, 23, 'min', 'error', 'rectified', NULL, NULL, 0),
    (0, 24, 'max', 'error', 'rectified', NULL, NULL, 0),
    (0, 25, 'min', 'error', 'suspension_ordered', NULL, NULL, 0),
    (0, 26, 'required', 'error', 'cases', NULL, NULL, 0),
    (0, 27, 'min', 'error', 'cases', NULL, NULL, 0),
    (0, 28, 'min', 'error', 'transferred', NULL, NULL, 0),
    (0, 29, 'min', 'error', 'fines', NULL, NULL, 0),
    (0, 30, 'classes_add_up', 'error', 'ent_total', NULL, NULL, 0),
    (0, 31, 'breakdowns_within_total', 'error', 'ent_suspended', NULL, NULL, 0),
    (
      0,
      32,
      'enterprises_within_inspections',
      'error',
      'insp_enterprises',
      NULL,
      NULL,
      0
    ),
    (
      0,
      33,
      'enterprises_within_register',
      'warning',
      'insp_enterprises',
      NULL,
      NULL,
      0
    ),
    (0, 34, 'key_within_inspected', 'error', 'insp_key', NULL, NULL, 0),
    (
      0,
      35,
      'problems_within_inspected',
      'error',
      'problem_enterprises',
      NULL,
      NULL,
      0
    ),
    (0, 36, 'items_cover_problems', 'error', 'problem_items', NULL, NULL, 0),
    (0, 37, 'rectify_within_problems', 'error', 'rectify_ordered', NULL, NULL, 0),
    (0, 38, 'referrals_within_cases', 'error', 'transferred', NULL, NULL, 0),
    (0, 39, 'fines_need_case', 'error', 'fines', NULL, NULL, 0),
    (0, 40, 'two_inspectors', 'warning', 'inspectors', NULL, NULL, 0)
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
          s."insp_class1" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."insp_class1" IS NULL
          ) AND (
            FORMKIT_CMP(s."insp_class1", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."insp_class2" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."insp_class2" IS NULL
          ) AND (
            FORMKIT_CMP(s."insp_class2", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."insp_class3" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."insp_class3" IS NULL
          ) AND (
            FORMKIT_CMP(s."insp_class3", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT s."flight_checks" IS NULL
          )
          AND (
            FORMKIT_CMP(s."flight_checks", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT s."flight_checks" IS NULL
          )
          AND (
            FORMKIT_CMP(s."flight_checks", s."insp_total") > 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."insp_enterprises" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."insp_enterprises" IS NULL
          )
          AND (
            FORMKIT_CMP(s."insp_enterprises", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."insp_key" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."insp_key" IS NULL
          ) AND (
            FORMKIT_CMP(s."insp_key", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT s."insp_key" IS NULL
          )
          AND (
            FORMKIT_CMP(s."insp_key", s."ent_key") > 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."inspectors" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."inspectors" IS NULL
          ) AND (
            FORMKIT_CMP(s."inspectors", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."problem_enterprises" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."problem_enterprises" IS NULL
          )
          AND (
            FORMKIT_CMP(s."problem_enterprises", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."problem_items" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."problem_items" IS NULL
          )
          AND (
            FORMKIT_CMP(s."problem_items", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."rectify_ordered" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."rectify_ordered" IS NULL
          )
          AND (
            FORMKIT_CMP(s."rectify_ordered", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."rectified" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."rectified" IS NULL
          ) AND (
            FORMKIT_CMP(s."rectified", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT s."rectified" IS NULL
          )
          AND (
            FORMKIT_CMP(s."rectified", s."rectify_ordered") > 0
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT s."suspension_ordered" IS NULL
          )
          AND (
            FORMKIT_CMP(s."suspension_ordered", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE WHEN (
          s."cases" IS NULL
        ) THEN '1' ELSE '0' END || CASE
          WHEN (
            NOT s."cases" IS NULL
          ) AND (
            FORMKIT_CMP(s."cases", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT s."transferred" IS NULL
          ) AND (
            FORMKIT_CMP(s."transferred", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT s."fines" IS NULL
          ) AND (
            FORMKIT_CMP(s."fines", '0') < 0
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(
              FORMKIT_CMP(
                FORMKIT_ADD(FORMKIT_ADD(s."ent_class1", s."ent_class2"), s."ent_class3"),
                s."ent_total"
              ) = 0,
              TRUE
            )
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(
              (
                FORMKIT_CMP(s."ent_suspended", s."ent_total") <= 0
              )
              AND (
                FORMKIT_CMP(s."ent_key", s."ent_total") <= 0
              ),
              TRUE
            )
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(FORMKIT_CMP(s."insp_enterprises", s."insp_total") <= 0, TRUE)
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(FORMKIT_CMP(s."insp_enterprises", s."ent_total") <= 0, TRUE)
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(FORMKIT_CMP(s."insp_key", s."insp_enterprises") <= 0, TRUE)
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(FORMKIT_CMP(s."problem_enterprises", s."insp_enterprises") <= 0, TRUE)
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(FORMKIT_CMP(s."problem_items", s."problem_enterprises") >= 0, TRUE)
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(
              (
                FORMKIT_CMP(s."rectify_ordered", s."problem_enterprises") <= 0
              )
              AND (
                FORMKIT_CMP(s."suspension_ordered", s."problem_enterprises") <= 0
              ),
              TRUE
            )
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(FORMKIT_CMP(s."transferred", s."cases") <= 0, TRUE)
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(
              (
                FORMKIT_CMP(s."fines", '0') = 0
              ) OR (
                FORMKIT_CMP(s."cases", '0') > 0
              ),
              TRUE
            )
          )
          THEN '1'
          ELSE '0'
        END || CASE
          WHEN (
            NOT COALESCE(FORMKIT_CMP(s."inspectors", FORMKIT_MUL(s."insp_total", '2')) >= 0, TRUE)
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
