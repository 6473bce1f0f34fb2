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
  FROM `fk_elderly_population_grid_v1` AS `s`
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
    'alone_visits' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`alone_visits` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'alone_visits' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`alone_visits` IS NULL
    )
    AND (
      CAST(s.`alone_visits` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'allowance_recipients' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      s.`allowance_recipients` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'allowance_recipients' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`allowance_recipients` IS NULL
    )
    AND (
      CAST(s.`allowance_recipients` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'max' AS `rule`,
    'error' AS `severity`,
    'allowance_recipients' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT s.`allowance_recipients` IS NULL
    )
    AND (
      CAST(s.`allowance_recipients` AS DECIMAL(38, 10)) > CASE
        WHEN ABS(
          CAST(CAST(s.`elderly__age_80_89__all` AS DECIMAL(38, 10)) + CAST(s.`elderly__age_90_99__all` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
        ) >= 9999999999999999999999999999.99999999995
        OR ABS(
          CAST(CAST(CAST(s.`elderly__age_80_89__all` AS DECIMAL(38, 10)) + CAST(s.`elderly__age_90_99__all` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) + CAST(s.`elderly__age_100__all` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
        ) >= 9999999999999999999999999999.99999999995
        THEN CAST(EXP(
          1000 + ISNULL(
            ABS(
              CAST(CAST(s.`elderly__age_80_89__all` AS DECIMAL(38, 10)) + CAST(s.`elderly__age_90_99__all` AS DECIMAL(38, 10)) AS DECIMAL(65, 10))
            ) >= 9999999999999999999999999999.99999999995
          )
        ) AS DECIMAL(38, 10))
        ELSE CAST(CAST(CAST(CAST(s.`elderly__age_80_89__all` AS DECIMAL(38, 10)) + CAST(s.`elderly__age_90_99__all` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) + CAST(s.`elderly__age_100__all` AS DECIMAL(38, 10)) AS DECIMAL(65, 10)) AS DECIMAL(38, 10))
      END
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'elderly_within_population' AS `rule`,
    'error' AS `severity`,
    'elderly' AS `field`,
    'total' AS `row`,
    'all' AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        CAST(s.`elderly__total__all` AS DECIMAL(38, 10)) <= CAST(s.`population` AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'alone_need_visits' AS `rule`,
    'warning' AS `severity`,
    'alone_visits' AS `field`,
    CAST(NULL AS CHAR) AS `row`,
    CAST(NULL AS CHAR) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(
        (
          CAST(s.`elderly__total__alone` AS DECIMAL(38, 10)) = CAST(0 AS DECIMAL(38, 10))
        )
        OR (
          CAST(s.`alone_visits` AS DECIMAL(38, 10)) >= CAST(s.`elderly__total__alone` AS DECIMAL(38, 10))
        ),
        TRUE
      )
    )
) AS `v`
