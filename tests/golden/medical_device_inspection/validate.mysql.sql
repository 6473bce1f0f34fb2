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
  FROM `fk_medical_device_inspection_v1` AS `s`
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
    'insp_class1' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`insp_class1` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'insp_class1' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`insp_class1` IS NULL
    )
    AND (
      CAST(s.`insp_class1` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'insp_class2' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`insp_class2` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'insp_class2' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`insp_class2` IS NULL
    )
    AND (
      CAST(s.`insp_class2` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'insp_class3' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`insp_class3` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'insp_class3' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`insp_class3` IS NULL
    )
    AND (
      CAST(s.`insp_class3` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'flight_checks' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`flight_checks` IS NULL
    )
    AND (
      CAST(s.`flight_checks` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'max' AS `rule`,
    'error' AS `severity`,
    'flight_checks' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`flight_checks` IS NULL
    )
    AND (
      CAST(s.`flight_checks` AS DECIMAL(38, 10)) > CAST(s.`insp_total` AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'insp_enterprises' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`insp_enterprises` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'insp_enterprises' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`insp_enterprises` IS NULL
    )
    AND (
      CAST(s.`insp_enterprises` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'insp_key' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`insp_key` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'insp_key' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`insp_key` IS NULL
    )
    AND (
      CAST(s.`insp_key` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'max' AS `rule`,
    'error' AS `severity`,
    'insp_key' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`insp_key` IS NULL
    )
    AND (
      CAST(s.`insp_key` AS DECIMAL(38, 10)) > CAST(s.`ent_key` AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'inspectors' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`inspectors` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'inspectors' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`inspectors` IS NULL
    )
    AND (
      CAST(s.`inspectors` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'problem_enterprises' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`problem_enterprises` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'problem_enterprises' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`problem_enterprises` IS NULL
    )
    AND (
      CAST(s.`problem_enterprises` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'problem_items' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`problem_items` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'problem_items' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`problem_items` IS NULL
    )
    AND (
      CAST(s.`problem_items` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'rectify_ordered' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`rectify_ordered` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'rectify_ordered' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`rectify_ordered` IS NULL
    )
    AND (
      CAST(s.`rectify_ordered` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'rectified' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`rectified` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'rectified' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`rectified` IS NULL
    )
    AND (
      CAST(s.`rectified` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'max' AS `rule`,
    'error' AS `severity`,
    'rectified' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`rectified` IS NULL
    )
    AND (
      CAST(s.`rectified` AS DECIMAL(38, 10)) > CAST(s.`rectify_ordered` AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'suspension_ordered' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`suspension_ordered` IS NULL
    )
    AND (
      CAST(s.`suspension_ordered` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'cases' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`cases` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'cases' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`cases` IS NULL
    )
    AND (
      CAST(s.`cases` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'transferred' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`transferred` IS NULL
    )
    AND (
      CAST(s.`transferred` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'fines' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`fines` IS NULL
    )
    AND (
      CAST(s.`fines` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'classes_add_up' AS `rule`,
    'error' AS `severity`,
    'ent_total' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CASE
          WHEN ABS(
            CAST(CAST(s.`ent_class1` AS DECIMAL(38, 10)) + CAST(s.`ent_class2` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
          ) >= 9999999999999999999999999999.99999999995
          OR ABS(
            CAST(CAST(CAST(s.`ent_class1` AS DECIMAL(38, 10)) + CAST(s.`ent_class2` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) + CAST(s.`ent_class3` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
          ) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(
                CAST(CAST(s.`ent_class1` AS DECIMAL(38, 10)) + CAST(s.`ent_class2` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
            )
          ) AS SIGNED)
          ELSE CAST(CAST(CAST(s.`ent_class1` AS DECIMAL(38, 10)) + CAST(s.`ent_class2` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) + CAST(s.`ent_class3` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) = CAST(s.`ent_total` AS DECIMAL(38, 10))
        END,
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'breakdowns_within_total' AS `rule`,
    'error' AS `severity`,
    'ent_suspended' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        (
          CAST(s.`ent_suspended` AS DECIMAL(38, 10)) <= CAST(s.`ent_total` AS DECIMAL(38, 10))
        )
        AND (
          CAST(s.`ent_key` AS DECIMAL(38, 10)) <= CAST(s.`ent_total` AS DECIMAL(38, 10))
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'enterprises_within_inspections' AS `rule`,
    'error' AS `severity`,
    'insp_enterprises' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CAST(s.`insp_enterprises` AS DECIMAL(38, 10)) <= CAST(s.`insp_total` AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'enterprises_within_register' AS `rule`,
    'warning' AS `severity`,
    'insp_enterprises' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CAST(s.`insp_enterprises` AS DECIMAL(38, 10)) <= CAST(s.`ent_total` AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'key_within_inspected' AS `rule`,
    'error' AS `severity`,
    'insp_key' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CAST(s.`insp_key` AS DECIMAL(38, 10)) <= CAST(s.`insp_enterprises` AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'problems_within_inspected' AS `rule`,
    'error' AS `severity`,
    'problem_enterprises' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CAST(s.`problem_enterprises` AS DECIMAL(38, 10)) <= CAST(s.`insp_enterprises` AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'items_cover_problems' AS `rule`,
    'error' AS `severity`,
    'problem_items' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CAST(s.`problem_items` AS DECIMAL(38, 10)) >= CAST(s.`problem_enterprises` AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'rectify_within_problems' AS `rule`,
    'error' AS `severity`,
    'rectify_ordered' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        (
          CAST(s.`rectify_ordered` AS DECIMAL(38, 10)) <= CAST(s.`problem_enterprises` AS DECIMAL(38, 10))
        )
        AND (
          CAST(s.`suspension_ordered` AS DECIMAL(38, 10)) <= CAST(s.`problem_enterprises` AS DECIMAL(38, 10))
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'referrals_within_cases' AS `rule`,
    'error' AS `severity`,
    'transferred' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CAST(s.`transferred` AS DECIMAL(38, 10)) <= CAST(s.`cases` AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'fines_need_case' AS `rule`,
    'error' AS `severity`,
    'fines' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        (
          CAST(s.`fines` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
        )
        OR (
          CAST(s.`cases` AS DECIMAL(38, 10)) > CAST(0 AS DECIMAL(38, 10))
        ),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'two_inspectors' AS `rule`,
    'warning' AS `severity`,
    'inspectors' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CASE
          WHEN ABS(
            CAST(CAST(s.`insp_total` AS DECIMAL(38, 10)) * CAST(2 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
          ) >= 9999999999999999999999999999.99999999995
          THEN CAST(EXP(
            1000 + ISNULL(
              ABS(
                CAST(CAST(s.`insp_total` AS DECIMAL(38, 10)) * CAST(2 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
              ) >= 9999999999999999999999999999.99999999995
            )
          ) AS SIGNED)
          ELSE CAST(s.`inspectors` AS DECIMAL(38, 10)) >= CAST(CAST(s.`insp_total` AS DECIMAL(38, 10)) * CAST(2 AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
        END,
        TRUE
      )
    )
) AS `v`
