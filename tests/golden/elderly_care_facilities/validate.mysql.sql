-- parameters: org
WITH RECURSIVE `_tree`(`code`, `level`) AS (
  SELECT
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  WHERE
    `o`.`code` = %(org)s
  UNION ALL
  SELECT
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  JOIN `_tree`
    ON `o`.`parent_code` = `_tree`.`code` AND `o`.`level` > `_tree`.`level`
), `_scope` AS (
  SELECT
    `s`.*
  FROM `fk_elderly_care_facilities_v2` AS `s`
  WHERE
    s.`org` IN (
      SELECT
        _tree.`code`
      FROM `_tree`
    )
)
SELECT
  *
FROM (
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'new_beds' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`new_beds` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'new_beds' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`new_beds` IS NULL
    )
    AND (
      CAST(s.`new_beds` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'daycare_visits' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`daycare_visits` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'daycare_visits' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`daycare_visits` IS NULL
    )
    AND (
      CAST(s.`daycare_visits` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'meals_served' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`meals_served` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'meals_served' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`meals_served` IS NULL
    )
    AND (
      CAST(s.`meals_served` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'meal_subsidy' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`meal_subsidy` IS NULL
    )
    AND (
      CAST(s.`meal_subsidy` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'center_visits' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`center_visits` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'center_visits' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`center_visits` IS NULL
    )
    AND (
      CAST(s.`center_visits` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'safety_checks' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`safety_checks` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'safety_checks' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`safety_checks` IS NULL
    )
    AND (
      CAST(s.`safety_checks` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'hazards' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`hazards` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'hazards' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`hazards` IS NULL
    )
    AND (
      CAST(s.`hazards` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'hazards_fixed' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`hazards_fixed` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'hazards_fixed' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`hazards_fixed` IS NULL
    )
    AND (
      CAST(s.`hazards_fixed` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'max' AS `rule`,
    'error' AS `severity`,
    'hazards_fixed' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`hazards_fixed` IS NULL
    )
    AND (
      CAST(s.`hazards_fixed` AS DECIMAL(38, 10)) > CAST(s.`hazards` AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'occupied_within_beds' AS `rule`,
    'error' AS `severity`,
    'occupied' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(CAST(s.`occupied` AS DECIMAL(38, 10)) <= CAST(s.`beds` AS DECIMAL(38, 10)), TRUE)
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'nursing_beds_within_beds' AS `rule`,
    'error' AS `severity`,
    'nursing_beds' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CAST(s.`nursing_beds` AS DECIMAL(38, 10)) <= CAST(s.`beds` AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'breakdown_within_homes' AS `rule`,
    'error' AS `severity`,
    'inst_public' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        (
          CAST(s.`inst_public` AS DECIMAL(38, 10)) <= CAST(s.`inst_count` AS DECIMAL(38, 10))
        )
        AND (
          CAST(s.`inst_medical` AS DECIMAL(38, 10)) <= CAST(s.`inst_count` AS DECIMAL(38, 10))
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'certified_within_nurses' AS `rule`,
    'error' AS `severity`,
    'certified' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        (
          CAST(s.`certified` AS DECIMAL(38, 10)) <= CAST(s.`nurses` AS DECIMAL(38, 10))
        )
        AND (
          CAST(s.`nurses` AS DECIMAL(38, 10)) <= CAST(s.`staff_total` AS DECIMAL(38, 10))
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'hazards_need_inspection' AS `rule`,
    'error' AS `severity`,
    'hazards' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        (
          CAST(s.`hazards` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
        )
        OR (
          CAST(s.`safety_checks` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'nursing_bed_target' AS `rule`,
    'info' AS `severity`,
    'nursing_bed_rate' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(CAST(s.`nursing_bed_rate` AS DECIMAL(38, 10)) >= CAST(60 AS DECIMAL(38, 10)), TRUE)
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'meals_within_capacity' AS `rule`,
    'warning' AS `severity`,
    'meals_served' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CASE
          WHEN ABS(
            CAST(CAST(s.`meal_capacity` AS DECIMAL(38, 10)) * CAST(92 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
          ) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(
                CAST(CAST(s.`meal_capacity` AS DECIMAL(38, 10)) * CAST(92 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
            )
          ) AS SIGNED)
          ELSE CAST(s.`meals_served` AS DECIMAL(38, 10)) <= CAST(CAST(s.`meal_capacity` AS DECIMAL(38, 10)) * CAST(92 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
        END,
        TRUE
      )
    )
) AS `v`
