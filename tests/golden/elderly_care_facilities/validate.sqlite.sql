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
  FROM "fk_elderly_care_facilities_v2" AS "s"
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
    'new_beds' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."new_beds" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'new_beds' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."new_beds" IS NULL
    ) AND (
      FORMKIT_CMP(s."new_beds", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'daycare_visits' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."daycare_visits" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'daycare_visits' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."daycare_visits" IS NULL
    )
    AND (
      FORMKIT_CMP(s."daycare_visits", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'meals_served' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."meals_served" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'meals_served' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."meals_served" IS NULL
    )
    AND (
      FORMKIT_CMP(s."meals_served", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'meal_subsidy' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."meal_subsidy" IS NULL
    )
    AND (
      FORMKIT_CMP(s."meal_subsidy", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'center_visits' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."center_visits" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'center_visits' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."center_visits" IS NULL
    )
    AND (
      FORMKIT_CMP(s."center_visits", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'safety_checks' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."safety_checks" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'safety_checks' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."safety_checks" IS NULL
    )
    AND (
      FORMKIT_CMP(s."safety_checks", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'hazards' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."hazards" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'hazards' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."hazards" IS NULL
    ) AND (
      FORMKIT_CMP(s."hazards", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'required' AS "rule",
    'error' AS "severity",
    'hazards_fixed' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      s."hazards_fixed" IS NULL
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'min' AS "rule",
    'error' AS "severity",
    'hazards_fixed' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."hazards_fixed" IS NULL
    )
    AND (
      FORMKIT_CMP(s."hazards_fixed", '0') < 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'max' AS "rule",
    'error' AS "severity",
    'hazards_fixed' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT s."hazards_fixed" IS NULL
    )
    AND (
      FORMKIT_CMP(s."hazards_fixed", s."hazards") > 0
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'occupied_within_beds' AS "rule",
    'error' AS "severity",
    'occupied' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."occupied", s."beds") <= 0, TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'nursing_beds_within_beds' AS "rule",
    'error' AS "severity",
    'nursing_beds' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."nursing_beds", s."beds") <= 0, TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'breakdown_within_homes' AS "rule",
    'error' AS "severity",
    'inst_public' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(
        (
          FORMKIT_CMP(s."inst_public", s."inst_count") <= 0
        )
        AND (
          FORMKIT_CMP(s."inst_medical", s."inst_count") <= 0
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'certified_within_nurses' AS "rule",
    'error' AS "severity",
    'certified' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(
        (
          FORMKIT_CMP(s."certified", s."nurses") <= 0
        )
        AND (
          FORMKIT_CMP(s."nurses", s."staff_total") <= 0
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'hazards_need_inspection' AS "rule",
    'error' AS "severity",
    'hazards' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(
        (
          FORMKIT_CMP(s."hazards", '0') = 0
        )
        OR (
          FORMKIT_CMP(s."safety_checks", '0') > 0
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'nursing_bed_target' AS "rule",
    'info' AS "severity",
    'nursing_bed_rate' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."nursing_bed_rate", '60') >= 0, TRUE)
    )
  UNION ALL
  SELECT
    s."submission_id",
    s."org",
    s."period",
    'meals_within_capacity' AS "rule",
    'warning' AS "severity",
    'meals_served' AS "field",
    CAST(NULL AS TEXT) AS "row",
    CAST(NULL AS TEXT) AS "col"
  FROM "_scope" AS "s"
  WHERE
    (
      NOT COALESCE(FORMKIT_CMP(s."meals_served", FORMKIT_MUL(s."meal_capacity", '92')) <= 0, TRUE)
    )
) AS "v"
