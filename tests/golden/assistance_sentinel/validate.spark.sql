-- parameters: org
WITH RECURSIVE `_tree`(`code`, `level`) AS (
  SELECT
    `o`.`code`,
    `o`.`level`
  FROM `org_unit` AS `o`
  WHERE
    `o`.`code` = :org
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
  FROM `fk_assistance_sentinel_v2` AS `s`
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
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'result' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`result` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'choices' AS `rule`,
    'error' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'result' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`result` IS NULL
    )
    AND (
      NOT c.`result` COLLATE `C` IN ('change', 'confirmed', 'stop')
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'method' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`method` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'choices' AS `rule`,
    'error' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'method' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT c.`method` IS NULL
    )
    AND (
      NOT c.`method` COLLATE `C` IN ('phone', 'records', 'visit')
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'stop_date' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`result` COLLATE `C` = 'stop'
    )
    AND (
      c.`result` COLLATE `C` = 'stop'
    )
    AND (
      c.`stop_date` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'new_amount' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`result` COLLATE `C` = 'change'
    )
    AND (
      c.`result` COLLATE `C` = 'change'
    )
    AND (
      c.`new_amount` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'new_amount' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`result` COLLATE `C` = 'change'
    )
    AND (
      NOT c.`new_amount` IS NULL
    )
    AND (
      CAST(c.`new_amount` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'min' AS `rule`,
    'error' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'recover_amount' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`result` COLLATE `C` IN ('stop', 'change')
    )
    AND (
      NOT c.`recover_amount` IS NULL
    )
    AND (
      CAST(c.`recover_amount` AS DECIMAL(38, 10)) < CAST(0 AS DECIMAL(38, 10))
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'required' AS `rule`,
    'error' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'note' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      c.`result` COLLATE `C` = 'confirmed'
    ) AND (
      c.`note` IS NULL
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'death_means_stop' AS `rule`,
    'warning' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'result' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT COALESCE((
        c.`death_date` IS NULL
      ) OR (
        c.`result` COLLATE `C` = 'stop'
      ), TRUE)
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'stop_after_start' AS `rule`,
    'error' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'stop_date' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT COALESCE(c.`stop_date` >= c.`start_date`, TRUE)
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'change_changes_amount' AS `rule`,
    'warning' AS `severity`,
    'sentinel' AS `field`,
    CAST(c.`row_no` - 1 AS STRING) AS `row`,
    'new_amount' AS `col`
  FROM `_scope` AS `s`
  JOIN `fk_assistance_sentinel_v2__sentinel` AS `c`
    ON c.`submission_id` = s.`submission_id`
  WHERE
    (
      NOT COALESCE(
        CAST(c.`new_amount` AS DECIMAL(38, 10)) <> CAST(c.`monthly_amount` AS DECIMAL(38, 10)),
        TRUE
      )
    )
  UNION ALL
  SELECT
    s.`submission_id`,
    s.`org`,
    s.`period`,
    'warning_rate_plausible' AS `rule`,
    'warning' AS `severity`,
    'warning_rate' AS `field`,
    CAST(NULL AS STRING) AS `row`,
    CAST(NULL AS STRING) AS `col`
  FROM `_scope` AS `s`
  WHERE
    (
      NOT COALESCE(CAST(s.`warning_rate` AS DECIMAL(38, 10)) <= CAST(20 AS DECIMAL(38, 10)), TRUE)
    )
) AS `v`
