-- parameters: org
WITH RECURSIVE "_tree"("code", "level") AS (
  SELECT
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  WHERE
    "o"."code" = :org
  UNION ALL
  SELECT
    "o"."code",
    "o"."level"
  FROM "org_unit" AS "o"
  JOIN "_tree"
    ON "o"."parent_code" = "_tree"."code" AND "o"."level" > "_tree"."level"
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
)
SELECT
  *
FROM (
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'insp_class1' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."insp_class1" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'insp_class1' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."insp_class1" IS NULL
    ) AND (
      FORMKIT_CMP(s."insp_class1", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'insp_class2' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."insp_class2" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'insp_class2' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."insp_class2" IS NULL
    ) AND (
      FORMKIT_CMP(s."insp_class2", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'insp_class3' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."insp_class3" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'insp_class3' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."insp_class3" IS NULL
    ) AND (
      FORMKIT_CMP(s."insp_class3", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'flight_checks' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."flight_checks" IS NULL
    )
    AND (
      FORMKIT_CMP(s."flight_checks", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'max' AS "rule",
    'error' AS "severity",
    'flight_checks' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."flight_checks" IS NULL
    )
    AND (
      FORMKIT_CMP(s."flight_checks", s."insp_total") > 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'insp_enterprises' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."insp_enterprises" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'insp_enterprises' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."insp_enterprises" IS NULL
    )
    AND (
      FORMKIT_CMP(s."insp_enterprises", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'insp_key' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."insp_key" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'insp_key' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."insp_key" IS NULL
    ) AND (
      FORMKIT_CMP(s."insp_key", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'max' AS "rule",
    'error' AS "severity",
    'insp_key' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."insp_key" IS NULL
    )
    AND (
      FORMKIT_CMP(s."insp_key", s."ent_key") > 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'inspectors' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."inspectors" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'inspectors' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."inspectors" IS NULL
    ) AND (
      FORMKIT_CMP(s."inspectors", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'problem_enterprises' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."problem_enterprises" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'problem_enterprises' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."problem_enterprises" IS NULL
    )
    AND (
      FORMKIT_CMP(s."problem_enterprises", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'problem_items' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."problem_items" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'problem_items' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."problem_items" IS NULL
    )
    AND (
      FORMKIT_CMP(s."problem_items", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'rectify_ordered' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."rectify_ordered" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'rectify_ordered' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."rectify_ordered" IS NULL
    )
    AND (
      FORMKIT_CMP(s."rectify_ordered", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'rectified' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."rectified" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'rectified' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."rectified" IS NULL
    ) AND (
      FORMKIT_CMP(s."rectified", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'max' AS "rule",
    'error' AS "severity",
    'rectified' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."rectified" IS NULL
    )
    AND (
      FORMKIT_CMP(s."rectified", s."rectify_ordered") > 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'suspension_ordered' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."suspension_ordered" IS NULL
    )
    AND (
      FORMKIT_CMP(s."suspension_ordered", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'cases' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."cases" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'cases' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."cases" IS NULL
    ) AND (
      FORMKIT_CMP(s."cases", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'transferred' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."transferred" IS NULL
    ) AND (
      FORMKIT_CMP(s."transferred", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'fines' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."fines" IS NULL
    ) AND (
      FORMKIT_CMP(s."fines", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'classes_add_up' AS "rule",
    'error' AS "severity",
    'ent_total' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(
        FORMKIT_CMP(
          FORMKIT_ADD(FORMKIT_ADD(s."ent_class1", s."ent_class2"), s."ent_class3"),
          s."ent_total"
        ) = 0,
        TRUE
      )
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'breakdowns_within_total' AS "rule",
    'error' AS "severity",
    'ent_suspended' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
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
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'enterprises_within_inspections' AS "rule",
    'error' AS "severity",
    'insp_enterprises' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."insp_enterprises", s."insp_total") <= 0, TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'enterprises_within_register' AS "rule",
    'warning' AS "severity",
    'insp_enterprises' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."insp_enterprises", s."ent_total") <= 0, TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'key_within_inspected' AS "rule",
    'error' AS "severity",
    'insp_key' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."insp_key", s."insp_enterprises") <= 0, TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'problems_within_inspected' AS "rule",
    'error' AS "severity",
    'problem_enterprises' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."problem_enterprises", s."insp_enterprises") <= 0, TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'items_cover_problems' AS "rule",
    'error' AS "severity",
    'problem_items' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."problem_items", s."problem_enterprises") >= 0, TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'rectify_within_problems' AS "rule",
    'error' AS "severity",
    'rectify_ordered' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
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
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'referrals_within_cases' AS "rule",
    'error' AS "severity",
    'transferred' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."transferred", s."cases") <= 0, TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'fines_need_case' AS "rule",
    'error' AS "severity",
    'fines' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(
        (
          FORMKIT_CMP(s."fines", '0') = 0
        ) OR (
          FORMKIT_CMP(s."cases", '0') > 0
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'two_inspectors' AS "rule",
    'warning' AS "severity",
    'inspectors' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."inspectors", FORMKIT_MUL(s."insp_total", '2')) >= 0, TRUE)
    )
) AS "v"
